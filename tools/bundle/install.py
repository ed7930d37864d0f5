"""Install clusterctl from this offline bundle into ./venv, without any network.

Copied into every bundle by tools/offline-bundle.py; run by install.bat / install.sh, or directly:
``python install.py``. Standard library only. pip runs with ``--no-index --find-links wheels``
and without this machine's pip configuration (PIP_CONFIG_FILE=os.devnull, no PIP_* variables),
so that only the bundle's wheels are used, and each wheel's sha256 is checked first against
manifest.json (a damaged copy is named rather than half-installed).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEELS = HERE / "wheels"
VENV = HERE / "venv"


def say(zh: str, en: str) -> None:
    print(zh)
    print(f"  {en}")


def fail(zh: str, en: str) -> int:
    say("安装失败：" + zh, "Installation failed: " + en)
    return 1


def platform_ok(target: str) -> bool:
    machine = platform.machine().lower()
    if target == "win_amd64":
        return sys.platform == "win32" and sys.maxsize > 2**32 and machine in ("amd64", "x86_64")
    if target == "manylinux_x86_64":
        return sys.platform.startswith("linux") and machine in ("x86_64", "amd64")
    if target.startswith("macos_"):
        return sys.platform == "darwin" and machine == target.removeprefix("macos_")
    return False


def damaged(manifest: dict) -> list[str]:
    bad = []
    for entry in manifest["wheels"]:
        path = WHEELS / entry["file"]
        if not path.is_file():
            bad.append(f"{entry['file']} (缺失 / missing)")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            bad.append(f"{entry['file']} (sha256 不符 / sha256 differs)")
    return bad


def main() -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="replace")  # a console that cannot show Chinese gets "?"
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    version, target, python = (
        manifest["project"]["version"],
        manifest["platform"],
        manifest["python"],
    )
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    print(f"clusterctl {version} 离线安装包 / offline bundle: {target}, Python {python}")
    if running != python:
        return fail(
            f"本安装包需要 Python {python}，当前是 Python {running}（{sys.executable}）。"
            f"请安装 Python {python} 64 位后重试，或使用对应版本的安装包。",
            f"this bundle needs Python {python}; this is Python {running} ({sys.executable}).",
        )
    if not platform_ok(target):
        return fail(
            f"本安装包适用于 {target}，当前系统是 {sys.platform} {platform.machine()}。",
            f"this bundle is for {target}; this system is {sys.platform} {platform.machine()}.",
        )
    if not manifest.get("complete", False):
        return fail(
            "安装包不完整（制作时缺少依赖）：" + "；".join(manifest.get("missing", [])),
            "the bundle is incomplete (dependencies were missing when it was built).",
        )
    bad = damaged(manifest)
    if bad:
        return fail(
            "以下文件缺失或已损坏，请重新复制整个安装包文件夹：" + "，".join(bad),
            "these files are missing or damaged; copy the whole bundle folder again.",
        )

    if VENV.exists():
        shutil.rmtree(VENV)
    say(f"创建虚拟环境 {VENV}", "creating the virtual environment")
    if subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False).returncode:
        return fail("无法创建虚拟环境（python -m venv）。", "python -m venv failed.")
    scripts = VENV / ("Scripts" if os.name == "nt" else "bin")
    venv_python = scripts / ("python.exe" if os.name == "nt" else "python")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no pip.conf: only this bundle's wheels
    say("从 wheels 文件夹安装（不联网）", "installing from wheels/ (no network)")
    pip = [str(venv_python), "-m", "pip", "install", "--no-index", "--find-links", str(WHEELS)]
    pip += ["--disable-pip-version-check", "--no-cache-dir", f"clusterctl=={version}"]
    if subprocess.run(pip, env=env, check=False).returncode:
        return fail("pip 安装出错，见上方信息。", "pip failed; see its messages above.")
    exe = scripts / ("clusterctl.exe" if os.name == "nt" else "clusterctl")
    if subprocess.run([str(exe), "--version"], check=False).returncode:
        return fail(f"{exe} 无法运行。", f"{exe} does not run.")

    print()
    say("安装完成。", "Installed.")
    if os.name == "nt":
        shim = HERE / "clusterctl.bat"
        say(
            f'在命令提示符中运行：\n  "{shim}" check 申报表.xlsx\n'
            f"若要在任何文件夹直接输入 clusterctl，请把下面的文件夹加入用户环境变量 Path"
            f"（设置 → 系统 → 关于 → 高级系统设置 → 环境变量 → Path → 新建），"
            f"然后重新打开命令提示符：\n  {HERE}",
            f'Run "{shim}" check app.xlsx, or add {HERE} to your user Path variable.',
        )
    else:
        say(
            f'运行：\n  "{exe}" check 申报表.xlsx\n'
            f"若要直接输入 clusterctl，把下面一行加入 ~/.bashrc 或 ~/.zshrc：\n"
            f'  export PATH="{scripts}:$PATH"',
            f'Run "{exe}" check app.xlsx, or add {scripts} to PATH.',
        )
    say(
        "试一试（示例申报表）：clusterctl screen sample_data -o 汇总表.xlsx",
        "Try it on the samples: clusterctl screen sample_data -o summary.xlsx",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
