"""Start the Rasa server and the action server on free localhost ports, for tests and benchmarks."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SANIC_ACCESS_LOG": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(method: str, url: str, body: Optional[Any] = None, timeout: float = 30.0) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
    return json.loads(raw) if raw else None


@dataclass
class Assistant:
    """A running assistant: the Rasa server (REST + API) and its action server."""

    url: str
    token: str
    workdir: Path
    processes: List[subprocess.Popen] = field(default_factory=list)

    def say(self, sender: str, text: str, metadata: Optional[Dict] = None) -> List[Dict]:
        body: Dict[str, Any] = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        return http_json("POST", f"{self.url}/webhooks/rest/webhook", body)

    def tracker(self, sender: str) -> Dict:
        return http_json("GET", f"{self.url}/conversations/{sender}/tracker?token={self.token}")

    def slot(self, sender: str, name: str) -> Any:
        return self.tracker(sender)["slots"].get(name)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def start_assistant(
    model: Path,
    workdir: Path,
    project: Path = ROOT,
    with_actions: bool = True,
    startup_timeout: float = 240.0,
    extra_env: Optional[Dict[str, str]] = None,
    credentials: Optional[Path] = None,
    endpoints_yml: Optional[str] = None,
    action_url: Optional[str] = None,
    token: Optional[str] = None,
) -> Assistant:
    """Start the servers from `project` with `model`; returns once the model is loaded."""
    workdir.mkdir(parents=True, exist_ok=True)
    rasa_port, action_port = free_port(), free_port()
    token = token or secrets.token_hex(16)  # not token_urlsafe: "-..." breaks argparse
    env = {**os.environ, **QUIET_ENV, **(extra_env or {})}
    env.setdefault("FIRSTCONTACT_DATABASE_URL", f"sqlite:///{workdir / 'firstcontact.db'}")
    env.setdefault("FIRSTCONTACT_KEY_DIR", str(workdir / "keys"))
    endpoints = workdir / "endpoints.yml"
    text = endpoints_yml if endpoints_yml is not None else (project / "endpoints.yml").read_text()
    if action_url:  # an action server started elsewhere (shared by several replicas)
        with_actions = False
        text = text.replace("http://localhost:5055/webhook", action_url)
    text = text.replace("localhost:5055", f"localhost:{action_port}")
    text = text.replace('"var/rasa.db"', f'"{workdir / "rasa.db"}"')
    endpoints.write_text(text)
    log = open(workdir / "servers.log", "ab")  # noqa: SIM115 - held open by the child processes
    assistant = Assistant(f"http://127.0.0.1:{rasa_port}", token, workdir)
    if with_actions:
        assistant.processes.append(
            subprocess.Popen(
                [
                    str(VENV_BIN / "python"),
                    "-m",
                    "rasa_sdk",
                    "--actions",
                    "actions",
                    "--port",
                    str(action_port),
                ],
                cwd=project,
                env={**env, "SANIC_HOST": "127.0.0.1"},
                stdout=log,
                stderr=log,
            )
        )
    assistant.processes.append(
        subprocess.Popen(
            [
                str(VENV_BIN / "rasa"),
                "run",
                "--enable-api",
                "--auth-token",
                token,
                "--interface",
                "127.0.0.1",
                "--port",
                str(rasa_port),
                "--model",
                str(model),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(credentials or project / "credentials.yml"),
            ],
            cwd=project,
            env=env,
            stdout=log,
            stderr=log,
        )
    )
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in assistant.processes):
            assistant.stop()
            raise RuntimeError(f"a server exited early; see {workdir / 'servers.log'}")
        try:
            status = http_json("GET", f"{assistant.url}/status?token={token}", timeout=2)
            if status.get("model_file") and (not with_actions or _listening(action_port)):
                return assistant
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    assistant.stop()
    raise RuntimeError(f"servers not ready after {startup_timeout}s; see {workdir}/servers.log")


@dataclass
class ActionServer:
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_action_server(
    workdir: Path, extra_env: Optional[Dict[str, str]] = None, timeout: float = 120.0
) -> ActionServer:
    """An action server alone, for several Rasa replicas to share."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, **QUIET_ENV, **(extra_env or {}), "SANIC_HOST": "127.0.0.1"}
    env.setdefault("FIRSTCONTACT_KEY_DIR", str(workdir / "keys"))
    log = open(workdir / "actions.log", "ab")  # noqa: SIM115 - held open by the child process
    command = [
        str(VENV_BIN / "python"),
        "-m",
        "rasa_sdk",
        "--actions",
        "actions",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the action server exited; see {workdir / 'actions.log'}")
        if _listening(port):
            return ActionServer(f"http://localhost:{port}/webhook", process)
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("the action server did not start")


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
