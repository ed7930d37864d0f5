@echo off
rem Install clusterctl @VERSION@ from this offline bundle (no network): finds Python @PYTHON@
rem (the py launcher first, then python on PATH) and runs install.py, which creates venv\ here
rem and runs pip install --no-index --find-links wheels. ASCII only: cmd.exe reads this file
rem in the console's code page; install.py prints the Chinese messages.
setlocal
set "PY="
py -@PYTHON@ -c "import sys" >nul 2>&1 && set "PY=py -@PYTHON@"
if defined PY goto run
python -c "import sys; sys.exit('%%d.%%d' %% sys.version_info[:2] != '@PYTHON@')" >nul 2>&1 && set "PY=python"
if not defined PY goto nopython
:run
%PY% "%~dp0install.py"
set "RC=%ERRORLEVEL%"
goto done
:nopython
echo Python @PYTHON@ (64-bit) was not found: install it from the python.org installer
echo (tick "Add python.exe to PATH"), then run install.bat again. See README.txt.
set "RC=1"
:done
if not defined CLUSTERCTL_NO_PAUSE pause
exit /b %RC%
