"""tools/offline-bundle.py against a local folder of made-up wheels (no network, a few seconds).

The real bundle (every dependency from the index, installed with --no-index in a fresh venv,
then screening the samples) is built and installed by .ci/run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "offline-bundle.py"
PY = f"{sys.version_info.major}.{sys.version_info.minor}"


def _load():
    spec = importlib.util.spec_from_file_location("offline_bundle", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["offline_bundle"] = module
    spec.loader.exec_module(module)
    return module


ob = _load()


def make_wheel(folder: Path, name: str, version: str, requires: list[str]) -> Path:
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-py3-none-any.whl"
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {req}" for req in requires]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name.replace('-', '_')}/__init__.py", "")
        zf.writestr(f"{dist}.dist-info/METADATA", "\n".join(meta) + "\n")
        zf.writestr(
            f"{dist}.dist-info/WHEEL",
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        zf.writestr(f"{dist}.dist-info/RECORD", "")
    return path


def hermetic_env() -> dict[str, str]:
    """No pip configuration of this machine (its find-links, indexes, constraints)."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PYTHONIOENCODING"] = "utf-8"  # install.py prints Chinese; a Windows pipe is cp1252
    return env


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(
        cmd, capture_output=True, encoding="utf-8", env=hermetic_env(), timeout=120, check=False
    )


def run_install(bundle: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(bundle / "install.py")]
    return subprocess.run(
        cmd, capture_output=True, encoding="utf-8", env=hermetic_env(), timeout=60, check=False
    )


def host_platform() -> str | None:
    """The bundle platform name of this machine, if the script has one."""
    machine = platform.machine().lower()
    if sys.platform == "win32" and machine == "amd64":
        return "win_amd64"
    if sys.platform == "darwin":
        return f"macos_{machine}"
    if sys.platform.startswith("linux") and machine == "x86_64":
        return "manylinux_x86_64"
    return None


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index")
    make_wheel(folder, "demo-dep", "1.0", ["demo-leaf"])
    make_wheel(folder, "demo-dep", "2.0", ["demo-leaf"])
    make_wheel(folder, "demo-leaf", "1.0", [])
    make_wheel(folder, "demo-win", "1.0", [])
    make_wheel(folder, "demo-posix", "1.0", [])
    return folder


def project(folder: Path, extra: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    requires = [
        "demo-dep<2",
        'demo-win; platform_system == "Windows"',
        'demo-posix; os_name == "posix"',
        'demo-leaf; extra == "test"',
        *(extra or []),
    ]
    return make_wheel(folder, "clusterctl", "0.1.0", requires)


@pytest.fixture(scope="module")
def win_bundle(index: Path, tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("win")
    wheel = project(tmp / "proj")
    out = tmp / "bundle"
    args = ["--platform", "win_amd64", "--python-version", "3.11", "--out", out]
    proc = run_script(*args, "--project-wheel", wheel, "--no-index", "--find-links", index)
    return proc, out


def test_target_markers_decide_what_is_needed() -> None:
    win = ob.Target("win_amd64", "3.11")
    linux = ob.Target("manylinux_x86_64", "3.12")
    colorama = 'colorama; platform_system == "Windows"'
    assert str(ob.needed(colorama, win, frozenset())) == "colorama"  # marker dropped for pip
    assert ob.needed(colorama, linux, frozenset()) is None
    assert ob.needed('tomli; python_version < "3.12"', linux, frozenset()) is None
    assert ob.needed('x>=1; extra == "bench"', linux, frozenset()) is None
    assert str(ob.needed('x>=1; extra == "bench"', linux, frozenset({"bench"}))) == "x>=1"


def test_pip_args_name_the_target() -> None:
    args = ob.Target("manylinux_x86_64", "3.13").pip_args()
    assert args[args.index("--python-version") + 1] == "3.13"
    assert "manylinux_2_17_x86_64" in args and "manylinux_2_28_x86_64" in args
    assert args[args.index("--only-binary") + 1] == ":all:"
    assert args[args.index("--implementation") + 1] == "cp"


def test_windows_bundle_follows_windows_markers(win_bundle) -> None:
    proc, out = win_bundle
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = sorted(p.name for p in (out / "wheels").glob("*.whl"))
    # demo-win: pip skips it on this (non-Windows) machine; the script adds it back.
    # demo-posix: pip takes it for this machine; the script removes it. demo-dep: the version
    # the requirement allows. demo-leaf: needed by demo-dep (the project's extra is not asked).
    assert files == [
        "clusterctl-0.1.0-py3-none-any.whl",
        "demo_dep-1.0-py3-none-any.whl",
        "demo_leaf-1.0-py3-none-any.whl",
        "demo_win-1.0-py3-none-any.whl",
    ]
    assert "complete: 4 wheels" in proc.stdout
    assert {"install.bat", "clusterctl.bat", "install.py", "README.txt", "用户指南.md"} <= {
        p.name for p in out.iterdir()
    }
    assert not (out / "install.sh").exists()


def test_manifest_and_launchers(win_bundle) -> None:
    _, out = win_bundle
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["platform"] == "win_amd64" and manifest["python"] == "3.11"
    assert manifest["complete"] is True and manifest["missing"] == []
    for entry in manifest["wheels"]:
        data = (out / "wheels" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert {e["name"]: e["version"] for e in manifest["wheels"]}["demo-dep"] == "1.0"
    bat = (out / "install.bat").read_bytes()
    assert bat.isascii() and b"\r\n" in bat and b"py -3.11" in bat and b"@PYTHON@" not in bat
    readme = (out / "README.txt").read_bytes()
    assert readme.startswith(b"\xef\xbb\xbf") and "离线安装包".encode() in readme
    assert sorted(p.name for p in (out / "sample_data").iterdir()) == sorted(
        p.name for p in (ROOT / "sample_data").glob("*.xlsx")
    )


def test_every_missing_dependency_is_listed(index: Path, tmp_path: Path) -> None:
    wheel = project(tmp_path / "proj", ["no-such-one>=1", "demo-dep>=5", "no-such-two"])
    out = tmp_path / "bundle"
    proc = run_script(
        "--platform", "linux", "--out", out, "--project-wheel", wheel,
        "--no-index", "--find-links", index,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "NOT COMPLETE: 3 dependencies" in proc.stdout
    for name in ("no-such-one>=1", "demo-dep>=5", "no-such-two"):
        assert f"- {name} (needed by clusterctl)" in proc.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is False and len(manifest["missing"]) == 3
    # install.py refuses an incomplete bundle before creating anything
    done = run_install(out)
    assert done.returncode == 1 and "安装包不完整" in done.stdout
    assert not (out / "venv").exists()


def test_install_refuses_a_damaged_or_foreign_bundle(index: Path, tmp_path: Path) -> None:
    wheel = project(tmp_path / "proj")
    out = tmp_path / "bundle"
    args = ["--platform", "linux", "--python-version", "3.99", "--out", out]
    proc = run_script(*args, "--project-wheel", wheel, "--no-index", "--find-links", index)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    done = run_install(out)
    assert done.returncode == 1 and f"需要 Python 3.99，当前是 Python {PY}" in done.stdout

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["python"] = PY  # as if built for this machine: now the damaged wheel is the problem
    manifest["platform"] = host_platform() or "win_amd64"
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "wheels" / "demo_leaf-1.0-py3-none-any.whl").write_bytes(b"truncated")
    done = run_install(out)
    if host_platform() is None:  # e.g. Linux on ARM: the platform check refuses first
        assert done.returncode == 1 and "本安装包适用于 win_amd64" in done.stdout
        return
    assert done.returncode == 1 and "demo_leaf-1.0-py3-none-any.whl (sha256 不符" in done.stdout
    assert not (out / "venv").exists()


def test_refuses_to_replace_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    proc = run_script("--platform", "linux", "--out", tmp_path, "--project-wheel", "x.whl")
    assert proc.returncode != 0 and "not a bundle" in proc.stderr
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
