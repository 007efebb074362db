"""The processes the bench and the tests start themselves: start, wait until ready, stop.

One home for `make bench`, `make faults` (bench/) and the tests' real Celery workers
(tests/fixtures/worker.py): free loopback ports, a private redis-server, a private PostgreSQL
cluster, gunicorn, `celery worker` (once, or supervised as compose's `restart:
unless-stopped`), the pids of a process's children, the tail of a log, and stopping any of
them (SIGTERM, then SIGKILL). Everything listens on 127.0.0.1 only, on ports the system
hands out free. Django is never imported here; config.celery only to drop broker connections.
"""

import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def stop_processes(processes: Iterable[subprocess.Popen | None], sig=signal.SIGTERM, timeout=15):
    """`sig` to every process still running, then SIGKILL to those not gone after `timeout` s."""
    running = [p for p in processes if p is not None and p.poll() is None]
    for process in running:
        process.send_signal(sig)
    for process in running:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def stop_process(process: subprocess.Popen | None, sig=signal.SIGTERM, timeout=15) -> None:
    stop_processes([process], sig, timeout)


def children(pid: int) -> list[int]:
    """Pids of the processes whose parent is `pid` (a worker's pool children), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_ready(
    process: subprocess.Popen, ready: Callable[[], bool], *, what: str, log: Path, timeout=60
) -> None:
    """Until `ready()` holds; RuntimeError with the log's tail if `process` exits first or
    `timeout` s go by. The caller stops the process (it is left as it is)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early:\n{log_tail(log, 60)}")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start in time:\n{log_tail(log, 60)}")


# --- Redis and PostgreSQL of our own ---------------------------------------------------------


class RedisServer:
    """A redis-server on a free loopback port, no persistence, logging to workdir/redis.log;
    stopped and started again on the same port."""

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 10) -> None:
        import redis

        command = [
            shutil.which("redis-server") or "redis-server", "--port", str(self.port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
            "--dir", str(self.workdir),
        ]  # fmt: skip
        with (self.workdir / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
            finally:
                client.close()
        self.process.kill()
        raise RuntimeError(f"redis-server did not start:\n{log_tail(self.workdir / 'redis.log')}")

    def stop(self, sig=signal.SIGTERM) -> None:
        stop_process(self.process, sig)


def postgres_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with pg_ctl, else pg_ctl's on PATH."""
    found = sorted(
        glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(re.sub(r"\D", "", Path(path).parent.parent.name) or 0),
    )
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free loopback port (never the developer's server).

    initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres`
    user (runuser), in a directory of its own.
    """

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.port = free_port()
        self.prefix: list[str] = []
        owner = None
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")  # KeyError: no such user, no private cluster
            runuser = shutil.which("runuser")
            if runuser is None:
                raise RuntimeError("running as root without runuser")
            self.prefix = [runuser, "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="epratiques-faults-pg-"))
        if owner is not None:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def command(self, program: str, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603
            [*self.prefix, str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
            cwd=self.root,
        )

    def init(self) -> None:
        self.command(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self.command(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30",
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.command("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def destroy(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop("immediate")
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"supervision: private PostgreSQL did not stop: {exc}", flush=True)
        shutil.rmtree(self.root, ignore_errors=True)


# --- gunicorn --------------------------------------------------------------------------------


def start_gunicorn(
    *, app: str, port: int, workers: int, threads: int, env: dict[str, str], log: Path
) -> subprocess.Popen:
    """gunicorn serving `app` on 127.0.0.1:`port`, as the Dockerfile runs it."""
    from gunicorn.config import KNOWN_SETTINGS

    command = [
        sys.executable, "-m", "gunicorn", app, f"--bind=127.0.0.1:{port}",
        f"--workers={workers}", f"--threads={threads}", "--timeout=60", "--graceful-timeout=5",
    ]  # fmt: skip
    if Path("/dev/shm").is_dir():  # noqa: S108 — as in the Dockerfile: heartbeats off disk
        command.append("--worker-tmp-dir=/dev/shm")
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        command.append("--no-control-socket")  # gunicorn >= 25.1 opens one in $HOME otherwise
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def answers_200(port: int, path: str) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def wait_http_ready(server: subprocess.Popen, port: int, path: str, log: Path, timeout=60) -> None:
    """Until GET `path` answers 200 (RuntimeError with the log's tail otherwise)."""
    wait_ready(server, lambda: answers_200(port, path), what="gunicorn", log=log, timeout=timeout)


# --- Celery workers --------------------------------------------------------------------------


@dataclass
class CeleryWorker:
    """One `celery -A config worker` process (concurrency 1) reading `queue`, logging to a file."""

    process: subprocess.Popen
    log_path: Path
    hostname: str

    @classmethod
    def start(
        cls,
        *,
        queue: str,
        hostname: str,
        env: dict[str, str],
        log_path: Path,
        pool: str = "solo",
        heartbeat: bool = True,
    ) -> "CeleryWorker":
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}",
            "--concurrency=1", "--queues", queue, "--hostname", hostname, "--without-gossip",
            "--without-mingle", *([] if heartbeat else ["--without-heartbeat"]),
            "--loglevel=INFO",
        ]  # fmt: skip
        with log_path.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        return cls(process=process, log_path=log_path, hostname=hostname)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def logged_ready(self) -> bool:
        """The worker's own "<hostname> ready." line, once it consumes."""
        return f"{self.hostname} ready." in self.log()

    def children(self) -> list[int]:
        """Pids of the pool's child processes (prefork)."""
        return children(self.process.pid)

    def stop(self) -> None:
        stop_process(self.process)


class SupervisedWorker:
    """A prefork `celery worker` started again whenever it exits (compose: restart:
    unless-stopped). Each start logs to workdir/worker-<n>.log; `exits` and `ready_at` hold
    when (time.monotonic()) the process went away and when each start logged ready."""

    def __init__(self, *, queue: str, env: dict[str, str], workdir: Path):
        self.queue, self.env, self.workdir = queue, env, workdir
        self.hostname = f"{queue}@{os.uname().nodename}"
        self.worker: CeleryWorker | None = None
        self.starts = 0
        self.exits: list[float] = []
        self.ready_at: list[float] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.supervise, daemon=True)

    @property
    def log(self) -> Path:
        return self.workdir / f"worker-{self.starts}.log"

    def logs(self) -> str:
        return "".join(
            (self.workdir / f"worker-{n}.log").read_text(errors="replace")
            for n in range(1, self.starts + 1)
        )

    def spawn(self) -> None:
        self.starts += 1
        self.worker = CeleryWorker.start(
            queue=self.queue,
            hostname=self.hostname,
            env=self.env,
            log_path=self.log,
            pool="prefork",
            heartbeat=False,
        )
        threading.Thread(target=self.watch_ready, args=(self.worker,), daemon=True).start()

    def watch_ready(self, worker: CeleryWorker) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not self.stopping.is_set():
            if worker.logged_ready():
                self.ready_at.append(time.monotonic())
                return
            time.sleep(0.1)

    def start(self) -> None:
        with self.lock:
            self.spawn()
        self.thread.start()
        self.wait_ready(1)

    def wait_ready(self, count: int, timeout: float = 90) -> None:
        """Until the `count`-th start has logged ready."""
        deadline = time.monotonic() + timeout
        while len(self.ready_at) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start:\n{log_tail(self.log)}")
            time.sleep(0.1)

    def supervise(self) -> None:
        while not self.stopping.wait(0.2):
            with self.lock:
                process = self.worker.process if self.worker else None
                if process is not None and process.poll() is not None:
                    self.exits.append(time.monotonic())
                    print(
                        f"supervision: worker exited ({process.returncode}), started again",
                        flush=True,
                    )
                    self.spawn()

    def kill_child(self) -> list[int]:
        """SIGKILL to the pool's child (the parent forks a new one); the pids killed."""
        with self.lock:
            killed = self.worker.children()
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
        return killed

    def kill_all(self) -> None:
        """SIGKILL to the main process and its pool child at once, as `docker kill` does."""
        with self.lock:
            for pid in [self.worker.process.pid, *self.worker.children()]:
                with suppress(ProcessLookupError):  # a child that exited meanwhile
                    os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            if self.worker is not None:
                self.worker.stop()


def drop_broker_connections() -> None:
    """Forget this process's broker connections and producers (opened on another broker URL,
    or before Redis was restarted): the next publish connects again."""
    from config.celery import app

    app._pool = None
    app.amqp._producer_pool = None
