"""Monitoring packs: province-wide targets over clusters annual reports (clusterctl targets)."""
