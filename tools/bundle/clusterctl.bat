@echo off
rem clusterctl from this bundle's venv (created by install.bat). Add this folder to Path to
rem type clusterctl anywhere.
if not exist "%~dp0venv\Scripts\clusterctl.exe" (
  echo clusterctl is not installed yet: run install.bat in this folder first.
  exit /b 2
)
"%~dp0venv\Scripts\clusterctl.exe" %*
exit /b %ERRORLEVEL%
