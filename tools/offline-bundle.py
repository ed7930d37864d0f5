#!/usr/bin/env python3
"""Build an offline install bundle of clusterctl for one platform and Python version.

    python tools/offline-bundle.py --platform win_amd64 --python-version 3.11
    python tools/offline-bundle.py --platform linux            # the running Python's version

The bundle is a folder: ``wheels/`` (the project's wheel and a wheel of every dependency for the
target), ``install.py`` with a launcher (``install.bat`` on Windows, ``install.sh`` elsewhere)
that installs from ``wheels/`` with ``pip install --no-index --find-links`` into a venv inside
the bundle, ``clusterctl.bat`` (Windows), ``manifest.json`` (name, version, file, sha256 of each
wheel), a Chinese ``README.txt``, the Chinese user guide and the sample applications.

Wheels come from ``pip download --platform ... --only-binary :all: --python-version ...
--implementation cp`` and whatever index pip is configured with (pass ``--index-url`` or
``--find-links``/``--no-index`` through for a mirror). pip evaluates environment markers for the
machine it runs on, not for the target (``colorama; platform_system == "Windows"`` is skipped
when building a Windows bundle on Linux), so the script walks the requirements again with the
target's markers, downloads what pip skipped and drops what the target does not need.

Every dependency without a wheel for the target is listed, and the exit code is then 1.
Needs ``packaging`` (installed with the test tools).
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("offline-bundle needs the 'packaging' library: pip install packaging")

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "bundle"

_MANYLINUX = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)] + [
    "manylinux2014_x86_64"  # pip adds manylinux2010 and manylinux1 for it
]
# name -> (pip --platform tags, marker environment without the Python version)
PLATFORMS: dict[str, tuple[list[str], dict[str, str]]] = {
    "win_amd64": (
        ["win_amd64"],
        {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
         "platform_machine": "AMD64"},
    ),
    "manylinux_x86_64": (
        _MANYLINUX,
        {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux",
         "platform_machine": "x86_64"},
    ),
    "macos_arm64": (  # pip adds every older macOS version and universal2
        ["macosx_12_0_arm64"],
        {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin",
         "platform_machine": "arm64"},
    ),
    "macos_x86_64": (
        ["macosx_12_0_x86_64"],
        {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin",
         "platform_machine": "x86_64"},
    ),
}  # fmt: skip
ALIASES = {"windows": "win_amd64", "linux": "manylinux_x86_64", "macos": "macos_arm64"}


@dataclass(frozen=True)
class Target:
    platform: str
    python: str  # "3.11"

    @property
    def windows(self) -> bool:
        return self.platform.startswith("win")

    def pip_args(self) -> list[str]:
        tags = PLATFORMS[self.platform][0]
        return [
            *(arg for tag in tags for arg in ("--platform", tag)),
            "--only-binary",
            ":all:",
            "--python-version",
            self.python,
            "--implementation",
            "cp",
        ]

    def markers(self, extra: str = "") -> dict[str, str]:
        env = dict(PLATFORMS[self.platform][1])
        env.update(
            python_version=self.python,
            python_full_version=f"{self.python}.0",
            implementation_name="cpython",
            implementation_version=f"{self.python}.0",
            platform_python_implementation="CPython",
            platform_release="",
            platform_version="",
            extra=extra,
        )
        return env


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str  # canonical
    version: Version
    requires: tuple[str, ...]


def read_wheel(path: Path) -> Wheel:
    name, version, _, _ = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        msg = email.parser.BytesParser().parsebytes(zf.read(meta), headersonly=True)
    return Wheel(path, canonicalize_name(name), version, tuple(msg.get_all("Requires-Dist") or []))


def needed(requirement: str, target: Target, extras: frozenset[str]) -> Requirement | None:
    """The requirement without its marker if the target needs it, else None.

    The marker is evaluated for the target and dropped: pip would evaluate it for this machine.
    """
    req = Requirement(requirement)
    if req.marker is not None and not any(
        req.marker.evaluate(target.markers(extra)) for extra in extras or {""}
    ):
        return None
    req.marker = None
    return req


def pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pip", *args]
    return subprocess.run(cmd, capture_output=quiet, text=True, check=False)


def pip_error(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln.strip() for ln in (proc.stderr or proc.stdout or "").splitlines() if ln.strip()]
    found = [ln for ln in lines if ln.startswith("ERROR:")]
    return (found or lines or [f"pip exited {proc.returncode}"])[-1]


def walk(root: Wheel, wheels: dict[str, Wheel], target: Target) -> tuple[set[str], list[str]]:
    """Names the target needs starting at root, and requirements no wheel in `wheels` meets."""
    visited: set[tuple[str, frozenset[str]]] = {(root.name, frozenset())}
    unmet: list[str] = []
    queue: list[tuple[Wheel, frozenset[str]]] = [(root, frozenset())]
    while queue:
        wheel, extras = queue.pop()
        for line in wheel.requires:
            req = needed(line, target, extras)
            if req is None:
                continue
            have = wheels.get(canonicalize_name(req.name))
            if have is None or not req.specifier.contains(have.version, prereleases=True):
                unmet.append(str(req))
                continue
            key = (have.name, frozenset(req.extras))
            if key not in visited:
                visited.add(key)
                queue.append((have, key[1]))
    return {name for name, _ in visited}, unmet


def scan(folder: Path) -> dict[str, Wheel]:
    return {w.name: w for w in map(read_wheel, sorted(folder.glob("*.whl")))}


def resolve(project: Path, dest: Path, target: Target, source: list[str]) -> list[str]:
    """Fill dest with the wheels the target needs; return what could not be found (empty: ok)."""
    proc = pip("download", "--dest", str(dest), *target.pip_args(), *source, str(project))
    if proc.returncode != 0:
        return missing_one_by_one(read_wheel(project), target, source)
    root = read_wheel(project)
    for _ in range(10):  # markers pip skipped: download them, then look again
        wheels = scan(dest)
        reached, unmet = walk(root, wheels, target)
        if not unmet:
            for name, wheel in wheels.items():
                if name not in reached:
                    print(f"  not needed on {target.platform}: {wheel.path.name} (removed)")
                    wheel.path.unlink()
            return []
        for req in dict.fromkeys(unmet):
            print(f"  needed on {target.platform}, skipped by pip's host markers: {req}")
            proc = pip("download", "--dest", str(dest), *target.pip_args(), *source, req)
            if proc.returncode != 0:
                return [f"{req}: {pip_error(proc)}"]
    return [f"dependencies did not settle: {', '.join(unmet)}"]


def missing_one_by_one(root: Wheel, target: Target, source: list[str]) -> list[str]:
    """pip stops at the first failure: try each requirement alone to list every one."""
    missing: list[str] = []
    seen: set[str] = {root.name}
    queue = [(root, frozenset[str]())]
    with tempfile.TemporaryDirectory() as tmp:
        while queue:
            wheel, extras = queue.pop()
            for line in wheel.requires:
                req = needed(line, target, extras)
                if req is None or str(req) in seen:
                    continue
                seen.add(str(req))
                args = ["download", "--no-deps", "--dest", tmp, *target.pip_args(), *source]
                proc = pip(*args, str(req))
                if proc.returncode != 0:
                    missing.append(f"{req} (needed by {wheel.name}): {pip_error(proc)}")
                    continue
                got = [w for w in scan(Path(tmp)).values() if w.name == canonicalize_name(req.name)]
                queue.extend((w, frozenset(req.extras)) for w in got)
    return missing or ["pip could not resolve the dependencies together (see pip's output)"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_project_wheel(tmp: Path) -> Path:
    proc = pip("wheel", "--no-deps", "--wheel-dir", str(tmp), str(ROOT))
    if proc.returncode != 0:
        sys.exit(f"could not build the clusterctl wheel: {pip_error(proc)}")
    return next(tmp.glob("clusterctl-*.whl"))


def write_bundle(out: Path, project: Wheel, target: Target, missing: list[str]) -> None:
    wheels = scan(out / "wheels")
    manifest = {
        "project": {"name": project.name, "version": str(project.version)},
        "platform": target.platform,
        "pip_platforms": PLATFORMS[target.platform][0],
        "python": target.python,
        "implementation": "cp",
        "complete": not missing,
        "missing": missing,
        "wheels": [
            {"name": w.name, "version": str(w.version), "file": w.path.name,
             "sha256": sha256(w.path)}
            for w in wheels.values()
        ],
    }  # fmt: skip
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    shutil.copy2(FILES / "install.py", out / "install.py")
    subst = {"@VERSION@": str(project.version), "@PYTHON@": target.python}
    launchers = ["install.bat", "clusterctl.bat"] if target.windows else ["install.sh"]
    for name in [*launchers, "README.txt"]:
        text = (FILES / name).read_text(encoding="utf-8")
        for key, value in subst.items():
            text = text.replace(key, value)
        if name.endswith(".bat"):  # cmd.exe wants CRLF and reads in the OEM code page: ASCII
            (out / name).write_bytes(text.replace("\n", "\r\n").encode("ascii"))
        elif name == "README.txt":  # a BOM so that Notepad on an old Windows reads UTF-8
            (out / name).write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
        else:
            (out / name).write_text(text, encoding="utf-8", newline="\n")
            (out / name).chmod(0o755)
    shutil.copy2(ROOT / "docs" / "zh" / "用户指南.md", out / "用户指南.md")
    samples = out / "sample_data"
    samples.mkdir(exist_ok=True)
    for xlsx in sorted((ROOT / "sample_data").glob("*.xlsx")):
        shutil.copy2(xlsx, samples / xlsx.name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--platform", required=True, help=f"{', '.join(PLATFORMS)} or {ALIASES}")
    ap.add_argument(
        "--python-version",
        default=f"{sys.version_info.major}.{sys.version_info.minor}",
        help="target Python, e.g. 3.11 (default: the running one)",
    )
    ap.add_argument("--out", type=Path, help="bundle folder (default: dist/offline/<name>)")
    ap.add_argument("--project-wheel", type=Path, help="use this clusterctl wheel, not a build")
    ap.add_argument("--index-url", help="passed to pip download")
    ap.add_argument("--find-links", action="append", default=[], help="passed to pip download")
    ap.add_argument("--no-index", action="store_true", help="passed to pip download")
    args = ap.parse_args(argv)

    platform = ALIASES.get(args.platform, args.platform)
    if platform not in PLATFORMS:
        ap.error(f"unknown platform {args.platform!r}: choose from {', '.join(PLATFORMS)}")
    target = Target(platform, args.python_version)
    source = [*(["--index-url", args.index_url] if args.index_url else [])]
    source += [arg for link in args.find_links for arg in ("--find-links", link)]
    source += ["--no-index"] if args.no_index else []

    out = args.out
    if out and out.is_dir() and any(out.iterdir()) and not (out / "manifest.json").is_file():
        ap.error(f"{args.out} is not empty and not a bundle: choose another --out")
    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = args.project_wheel or build_project_wheel(Path(tmp))
        project = read_wheel(wheel_path)
        name = f"clusterctl-{project.version}-{platform}-py{target.python}"
        out = (out or ROOT / "dist" / "offline" / name).resolve()
        if out.exists():
            if any(out.iterdir()) and not (out / "manifest.json").is_file():
                sys.exit(f"{out} is not empty and not a bundle: choose another --out")
            shutil.rmtree(out)  # an earlier bundle: rebuilt from scratch
        (out / "wheels").mkdir(parents=True)
        shutil.copy2(wheel_path, out / "wheels" / wheel_path.name)
        project = read_wheel(out / "wheels" / wheel_path.name)
        print(f"bundle {out}")
        tags = " ".join(PLATFORMS[platform][0][:3])
        print(f"target {platform} ({tags}...), CPython {target.python}")
        missing = resolve(project.path, out / "wheels", target, source)
    write_bundle(out, project, target, missing)
    wheels = scan(out / "wheels")
    for wheel in wheels.values():
        print(f"  {wheel.path.name}")
    if missing:
        print(f"NOT COMPLETE: {len(missing)} dependencies have no wheel for {platform} "
              f"/ CPython {target.python}:")  # fmt: skip
        for line in missing:
            print(f"  - {line}")
        return 1
    print(f"complete: {len(wheels)} wheels, every dependency resolved for {platform} "
          f"/ CPython {target.python}; manifest.json has their sha256")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
