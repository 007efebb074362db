"""docker-compose.yml, Dockerfile and scripts/: they parse, point at real code, and work.

No Docker engine is needed: the files are parsed, and the modules, attributes, management
commands and URLs they name are imported or resolved in this process. The build's static step
(collectstatic with the manifest storage) and the web script (gunicorn with a home it cannot
write) are run for real; CI's production job (.ci/run) runs the whole build and stack.
"""

import importlib
import itertools
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app
from celery.bin.celery import celery as celery_cli
from django.core.management import call_command, get_commands
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
BUILD_SCRIPT = ROOT / "scripts" / "build.sh"
WEB_SCRIPT = ROOT / "scripts" / "web.sh"
MAKEFILE = ROOT / "Makefile"

SERVICES = {"web", "worker", "beat", "postgres", "redis"}
APP_SERVICES = ("web", "worker", "beat")
REQUIRED_APP_ENV = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")
SHELLS = {"sh", "bash", "/bin/sh", "/bin/bash"}
SHELL_OPERATORS = {"&&", "||", ";", "|", "&"}
WSGI_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
URL_IN_TEXT = re.compile(r"https?://[^\s'\"/]+(/[^\s'\"]*)")


# --- helpers ----------------------------------------------------------------------------------


def load_compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def services() -> dict:
    return load_compose()["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def unescape_compose(text: str) -> str:
    """Compose turns ``$$`` into a literal ``$`` for the container's shell."""
    return text.replace("$$", "$")


def placeholders(text: str) -> str:
    """Replace compose ``${VAR...}`` references with a plain value, to parse the rest."""
    return re.sub(r"\$\{[^}]*\}", "value", text)


def split_script(script: str) -> list[list[str]]:
    """The simple commands of a shell script (``a && b; c``), each as an argv."""
    lexer = shlex.shlex(script, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    argvs: list[list[str]] = [[]]
    for token in lexer:
        if token in SHELL_OPERATORS:
            argvs.append([])
        else:
            argvs[-1].append(token)
    return [argv for argv in argvs if argv]


def simple_commands(command: str | list[str]) -> list[list[str]]:
    """Split a command (string or exec list), looking through ``sh -c``, dropping ``exec``."""
    argv = shlex.split(command) if isinstance(command, str) else [str(part) for part in command]
    if len(argv) >= 3 and argv[0] in SHELLS and argv[1] == "-c":
        argvs = split_script(argv[2])
    else:
        argvs = [argv]
    result = []
    for item in argvs:
        while item and item[0] == "exec":
            item = item[1:]
        if len(item) >= 3 and Path(item[0]).name.startswith("python") and item[1] == "-m":
            item = item[2:]
        if item and item[0].endswith("scripts/web.sh"):
            item = web_script_command() + item[1:]
        if item:
            result.append(item)
    return result


def shell_script_lines(path: Path) -> list[str]:
    """The script's lines, continuation lines joined, comments and blank lines dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    return [line.strip() for line in text.splitlines() if line.strip() and line.strip()[0] != "#"]


def web_script_command() -> list[str]:
    """The gunicorn command scripts/web.sh execs, each ${VAR:-default} at its default."""
    (line,) = [line for line in shell_script_lines(WEB_SCRIPT) if line.startswith("exec ")]
    line = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", line.replace('"$@"', ""))
    return shlex.split(line)[1:]


def program(argv: list[str]) -> str:
    """gunicorn, celery, or manage.py (for ``python manage.py ...``)."""
    name = Path(argv[0]).name
    if name.startswith("python") and len(argv) > 1 and Path(argv[1]).name == "manage.py":
        return "manage.py"
    return name


def check_gunicorn(argv: list[str]) -> str:
    """The ``module:attr`` gunicorn serves must import and be a WSGI callable."""
    targets = [
        token
        for previous, token in itertools.pairwise(argv)
        if WSGI_TARGET.match(token) and previous not in {"-b", "--bind"}
    ]
    assert len(targets) == 1, f"expected one module:attr in {argv}"
    module_name, attr = targets[0].split(":")
    module = importlib.import_module(module_name)
    assert hasattr(module, attr), f"{module_name} has no attribute {attr!r}"
    assert callable(getattr(module, attr)), f"{targets[0]} is not a WSGI callable"
    # Without it gunicorn logs "Control server error" when its home is not writable.
    assert "--no-control-socket" in argv, f"gunicorn without --no-control-socket: {argv}"
    return targets[0]


def celery_app_name(argv: list[str]) -> str:
    for index, token in enumerate(argv):
        if token in {"-A", "--app"}:
            return argv[index + 1]
        if token.startswith(("-A=", "--app=")):
            return token.split("=", 1)[1]
    raise AssertionError(f"no -A/--app in {argv}")


def check_celery(argv: list[str]) -> str:
    """``celery -A X sub``: X imports, exposes a Celery app, and ``sub`` is a celery command."""
    name = celery_app_name(argv)
    module = importlib.import_module(name.split(":")[0])
    apps = [getattr(module, attr, None) for attr in ("celery_app", "app")]
    assert any(isinstance(app, Celery) for app in apps), f"{name} exposes no Celery app"
    assert isinstance(find_app(name), Celery), f"celery cannot find an app in {name}"
    after_app = argv[argv.index(name) + 1 :] if name in argv else argv[2:]
    subcommands = [token for token in after_app if not token.startswith("-")]
    assert subcommands, f"no celery subcommand in {argv}"
    assert subcommands[0] in celery_cli.commands, f"unknown celery command {subcommands[0]!r}"
    return subcommands[0]


def check_manage(argv: list[str]) -> str:
    assert len(argv) > 2, f"no management command in {argv}"
    assert argv[2] in get_commands(), f"unknown management command {argv[2]!r}"
    return argv[2]


CHECKERS = {"gunicorn": check_gunicorn, "celery": check_celery, "manage.py": check_manage}


def check_command(command: str | list[str]) -> list[tuple[str, str]]:
    """Check every simple command; return (program, target or subcommand) pairs."""
    checked = []
    for argv in simple_commands(command):
        name = program(argv)
        assert name in CHECKERS, f"unrecognised program {argv[0]!r} in {command!r}"
        checked.append((name, CHECKERS[name](argv)))
    return checked


def healthcheck_argv(test: str | list[str]) -> list[str]:
    """Docker's healthcheck ``test`` as the command the container runs."""
    if isinstance(test, str):
        return ["/bin/sh", "-c", test]
    kind, *rest = test
    assert kind in {"CMD", "CMD-SHELL"}, f"healthcheck test must start with CMD/CMD-SHELL: {test}"
    return ["/bin/sh", "-c", " ".join(rest)] if kind == "CMD-SHELL" else rest


def check_python_code(argv: list[str]) -> None:
    """Inline ``python -c CODE`` must at least compile."""
    if Path(argv[0]).name.startswith("python") and "-c" in argv:
        code = argv[argv.index("-c") + 1]
        compile(code, "<healthcheck>", "exec")


def url_path(text: str) -> str:
    match = URL_IN_TEXT.search(text)
    assert match, f"no http URL in {text!r}"
    return urlsplit(match.group(0)).path


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines = [
        line for line in DOCKERFILE.read_text().splitlines() if not line.lstrip().startswith("#")
    ]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def last_instruction(name: str) -> str:
    found = [rest for keyword, rest in dockerfile_instructions() if keyword == name]
    assert found, f"Dockerfile has no {name}"
    return found[-1]


def exec_or_shell(arguments: str) -> list[str]:
    """A Dockerfile CMD/ENTRYPOINT: JSON exec form, or shell form run by /bin/sh -c."""
    if arguments.startswith("["):
        return json.loads(arguments)
    return ["/bin/sh", "-c", arguments]


# --- docker-compose.yml -----------------------------------------------------------------------


def test_compose_defines_the_five_services():
    assert set(services()) >= SERVICES


def test_compose_images_have_the_expected_major_versions():
    found = services()
    for name, major in (("postgres", 17), ("redis", 7)):
        image = found[name]["image"]
        repository, _, tag = image.partition(":")
        assert repository == name, image
        assert int(re.split(r"[.\-]", tag)[0]) == major, image


def test_every_compose_healthcheck_has_a_test():
    for name, service in services().items():
        healthcheck = service.get("healthcheck")
        if healthcheck is None:
            continue
        if healthcheck.get("disable") is True:
            assert "test" not in healthcheck, f"{name}: disabled healthcheck with a test"
            continue
        assert healthcheck.get("test"), f"{name}: healthcheck without a test"
        argv = healthcheck_argv(healthcheck["test"])
        assert argv and argv[0], f"{name}: empty healthcheck command"


def test_app_services_get_database_redis_and_secret_key():
    found = services()
    for name in APP_SERVICES:
        env = environment(found[name])
        for key in REQUIRED_APP_ENV:
            assert env.get(key), f"{name}: {key} missing or empty"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), f"{name}: SECRET_KEY not required"
        database = urlsplit(placeholders(env["DATABASE_URL"]))
        assert database.scheme in {"postgres", "postgresql"}, env["DATABASE_URL"]
        assert database.hostname == "postgres", env["DATABASE_URL"]
        broker = urlsplit(placeholders(env["REDIS_URL"]))
        assert (broker.scheme, broker.hostname) == ("redis", "redis"), env["REDIS_URL"]
        assert env.get("DEBUG", "0") in {"0", "false", "False"}, f"{name}: DEBUG must be off"


def test_depends_on_waits_for_healthy_services():
    found = services()
    for name in APP_SERVICES:
        assert {"postgres", "redis"} <= set(found[name].get("depends_on") or {}), name
    for name, service in found.items():
        depends_on = service.get("depends_on")
        if depends_on is None:
            continue
        assert isinstance(depends_on, dict), f"{name}: depends_on must be a mapping"
        for dependency, spec in depends_on.items():
            assert dependency in found, f"{name} depends on unknown {dependency}"
            assert spec.get("condition") == "service_healthy", f"{name} -> {dependency}"
            healthcheck = found[dependency].get("healthcheck") or {}
            assert healthcheck.get("test"), f"{name} waits for {dependency}, which has no check"


def test_compose_commands_point_at_real_modules_and_commands():
    found = services()
    checked = {}
    for name in APP_SERVICES:
        command = found[name].get("command")
        assert command, f"{name} has no command"
        if isinstance(command, str):
            command = unescape_compose(command)
        checked[name] = check_command(command)
    assert ("manage.py", "migrate") in checked["web"]
    assert ("gunicorn", "config.wsgi:application") in checked["web"]
    assert checked["worker"] == [("celery", "worker")]
    assert checked["beat"] == [("celery", "beat")]


def test_compose_healthchecks_point_at_real_code():
    found = services()
    web_test = found["web"]["healthcheck"]["test"]
    argv = healthcheck_argv(web_test)
    check_python_code(argv)
    path = url_path(" ".join(argv))
    assert resolve(path).url_name == "healthz", path
    worker_argv = healthcheck_argv(found["worker"]["healthcheck"]["test"])
    assert check_command(unescape_compose(shlex.join(worker_argv))) == [("celery", "inspect")]


def test_compose_named_volumes_are_declared():
    compose = load_compose()
    declared = set(compose.get("volumes") or {})
    used = set()
    for service in compose["services"].values():
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume["source"]
            if not source.startswith((".", "/", "~")):
                used.add(source)
    assert used <= declared, used - declared
    assert any(
        str(volume).endswith(":/app/media") for volume in compose["services"]["web"]["volumes"]
    )


# --- Dockerfile -------------------------------------------------------------------------------


def test_dockerfile_cmd_serves_a_real_wsgi_application():
    checked = check_command(exec_or_shell(last_instruction("CMD")))
    assert checked == [("gunicorn", "config.wsgi:application")]


def test_dockerfile_healthcheck_calls_healthz_with_python():
    healthcheck = last_instruction("HEALTHCHECK")
    assert "curl" not in healthcheck and "wget" not in healthcheck
    _, _, command = healthcheck.partition("CMD ")
    assert command, "HEALTHCHECK has no CMD"
    argv = exec_or_shell(command.strip())
    if argv[:2] == ["/bin/sh", "-c"]:
        argv = shlex.split(argv[2])
    assert Path(argv[0]).name.startswith("python"), argv
    check_python_code(argv)
    path = url_path(command)
    assert path == "/healthz"
    try:
        match = resolve(path)
    except Resolver404:
        pytest.fail(f"{path} does not resolve")
    assert match.url_name == "healthz"


def test_dockerfile_basics():
    instructions = dockerfile_instructions()
    args = dict(
        rest.split("=", 1) for keyword, rest in instructions if keyword == "ARG" and "=" in rest
    )
    bases = [
        re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), rest.split()[0])
        for keyword, rest in instructions
        if keyword == "FROM"
    ]
    assert len(bases) >= 2, "expected a multi-stage build"
    assert all(base == "python:3.11-slim-bookworm" for base in bases), bases
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}, "the image must run as a non-root user"
    assert "8000" in last_instruction("EXPOSE").split()
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert re.search(r"pip install [^&]*\buv==\d+\.\d+\.\d+", runs), "uv must be pinned"


# --- the build script, shared by the Dockerfile and CI -----------------------------------------


def test_the_dockerfile_builds_with_the_shared_script_dependencies_before_the_code():
    instructions = dockerfile_instructions()
    steps = [(keyword, rest) for keyword, rest in instructions if keyword in {"RUN", "COPY"}]
    deps = steps.index(("RUN", "scripts/build.sh deps"))
    code = steps.index(("COPY", ". ."))
    assets = steps.index(("RUN", "scripts/build.sh assets"))
    assert deps < code < assets, "dependencies are installed before the code is copied"
    copied_before = " ".join(rest for keyword, rest in steps[:deps] if keyword == "COPY")
    for name in ("pyproject.toml", "uv.lock", "scripts/build.sh"):
        assert name in copied_before, f"{name} is not in the image when dependencies install"


def test_the_build_script_installs_from_the_lock_without_dev_tools_and_collects_static():
    lines = shell_script_lines(BUILD_SCRIPT)
    text = "\n".join(lines)
    assert re.search(r"\bsync --frozen --no-dev\b", text)
    for command in ("compilemessages", "collectstatic"):
        (line,) = [line for line in lines if f"manage.py {command}" in line]
        assert "DEBUG=0" in line, f"{command} must run with DEBUG=0 (the manifest storage)"
        assert command in get_commands()
    assert "staticfiles/staticfiles.json" in text, "the build checks that the manifest exists"


def test_uv_is_pinned_to_the_same_version_everywhere():
    dockerfile = re.search(r"\buv==(\d+\.\d+\.\d+)", DOCKERFILE.read_text()).group(1)
    makefile = re.search(r"^UV_VERSION := (\S+)", MAKEFILE.read_text(), re.M).group(1)
    script = re.search(r'UV_VERSION="\$\{UV_VERSION:-([^}]+)\}"', BUILD_SCRIPT.read_text()).group(1)
    assert dockerfile == makefile == script


def test_collectstatic_with_the_manifest_storage_finds_every_file_the_templates_name(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    named = {
        match.group(1)
        for template in (ROOT / "templates").rglob("*.html")
        for match in re.finditer(r"""\{%\s*static\s+['"]([^'"]+)['"]""", template.read_text())
    }
    assert {"vendor/chartjs/chart.umd.min.js", "js/score_charts.js"} <= named
    assert named - set(manifest) == set()
    for name in named:
        assert (tmp_path / manifest[name]).is_file(), name


# --- the web script ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_web_script_serves_with_debug_off_and_an_unwritable_home_without_errors(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        HOME="/proc/no-home",  # not a directory anyone can create: like the image's app user
        DEBUG="0",
        SECRET_KEY="test-only-key-for-the-web-script",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_TMP_DIR=str(tmp_path),
    )
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [str(WEB_SCRIPT)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        body = None
        deadline = time.monotonic() + 30
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=15) as r:
                    body = json.loads(r.read())
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        assert body is not None, log_path.read_text()
        assert body["status"] == "ok", body
    finally:
        server.terminate()
        server.wait(timeout=20)
    log_text = log_path.read_text()
    assert "Listening at: http://127.0.0.1:" in log_text
    assert "Control server error" not in log_text
    assert "ERROR" not in log_text, log_text


# --- deploy/: the route without Docker (docs/deploy.md) ------------------------------------------

DEPLOY = ROOT / "deploy"
UNITS = {name: DEPLOY / f"epratiques-{name}.service" for name in ("web", "worker", "beat")}
RELEASE = "/srv/epratiques/current"


def unit_settings(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def in_this_checkout(path: str) -> Path:
    assert path.startswith(f"{RELEASE}/"), f"{path} is not in the current release"
    return ROOT / path.removeprefix(f"{RELEASE}/")


def test_the_units_run_the_production_commands_from_the_current_release():
    checked = {}
    for name, path in UNITS.items():
        unit = unit_settings(path)
        assert unit["User"] == ["epratiques"] and unit["Group"] == ["epratiques"], name
        assert unit["WorkingDirectory"] == [RELEASE], name
        assert unit["EnvironmentFile"] == ["/etc/epratiques/env"], name
        (path_env,) = [value for value in unit["Environment"] if value.startswith("PATH=")]
        assert path_env.startswith(f"PATH={RELEASE}/.venv-prod/bin:"), name
        (exec_start,) = unit["ExecStart"]
        argv = shlex.split(exec_start)
        program_path = argv[0]
        if program_path.endswith("scripts/web.sh"):
            assert in_this_checkout(program_path).is_file()
        else:
            assert program_path == f"{RELEASE}/.venv-prod/bin/celery", program_path
            argv = ["celery", *argv[1:]]
        checked[name] = check_command(argv)
    assert checked == {
        "web": [("gunicorn", "config.wsgi:application")],
        "worker": [("celery", "worker")],
        "beat": [("celery", "beat")],
    }


def test_the_procfile_runs_the_same_commands_as_the_units():
    entries = dict(
        line.split(": ", 1)
        for line in (DEPLOY / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert set(entries) == {"web", "worker", "beat"}
    for name, command in entries.items():
        (exec_start,) = unit_settings(UNITS[name])["ExecStart"]
        assert exec_start.endswith(command.removeprefix("scripts/web.sh")), name
        check_command(command)


def nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_lets_the_largest_import_the_app_accepts_through_to_the_app():
    from contacts.importers.base import MAX_FILE_BYTES

    conf = (DEPLOY / "nginx.conf").read_text()
    (limit,) = re.findall(r"^\s*client_max_body_size\s+(\S+);", conf, re.M)
    # A multipart body is a little larger than its file; well above it is no limit at all.
    assert MAX_FILE_BYTES + 1024**2 <= nginx_size(limit) <= 2 * MAX_FILE_BYTES


def test_nginx_overwrites_the_forwarded_headers_django_trusts_and_redirects_http_itself():
    conf = (DEPLOY / "nginx.conf").read_text()
    assert re.search(r"proxy_set_header X-Forwarded-Proto \$scheme;", conf)
    assert re.search(r"proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;", conf)
    assert re.search(r"proxy_set_header Host \$host;", conf)
    assert re.search(r"return 301 https://\$host\$request_uri;", conf)
    (upstream,) = re.findall(r"^\s*server (\S+);", conf, re.M)
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert env["GUNICORN_BIND"] == upstream
    assert upstream.startswith("127.0.0.1:"), "gunicorn must not be reachable around nginx"
    assert env["TRUSTED_PROXIES"] == "1"


def test_the_example_environment_is_a_production_one_that_passes_check_deploy(tmp_path):
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert env["DEBUG"] == "0"
    for key in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "REDIS_URL"):
        assert env.get(key), key
    # As the units and epratiques-manage read it: `sh` with `set -a`, values quoted for sh.
    shell_env = tmp_path / "env"
    shell_env.write_text((DEPLOY / "env.example").read_text())
    read = subprocess.run(
        ["sh", "-c", f'set -a; . "{shell_env}"; printf %s "$DEFAULT_FROM_EMAIL"'],
        capture_output=True,
        text=True,
        check=True,
    )
    assert read.stdout == env["DEFAULT_FROM_EMAIL"].strip('"')
    secret = "k3y-" + "x7Qp9Lm2Zr5Tb8Wc1Vn4Hs6Jd0Fg3Ky" * 2
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            **{key: value.strip('"') for key, value in env.items()},
            "SECRET_KEY": secret,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_https_redirect_goes_to_the_public_host_and_port_from_the_environment():
    code = (
        "from django.conf import settings; from django.test import Client; "
        "r = Client().get('/contacts/', HTTP_HOST='epratiques.example'); "
        "print(settings.SECURE_SSL_HOST, r.status_code, r['Location'])"
    )
    base = {key: value for key, value in os.environ.items() if key != "SECURE_SSL_HOST"}
    base.update(
        DEBUG="0",
        SECRET_KEY="test-only-key",
        ALLOWED_HOSTS="epratiques.example",
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    base.pop("REDIS_URL", None)
    outputs = []
    for extra in ({}, {"SECURE_SSL_HOST": "epratiques.example:8443"}):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout.split())
    assert outputs == [
        ["None", "301", "https://epratiques.example/contacts/"],
        ["epratiques.example:8443", "301", "https://epratiques.example:8443/contacts/"],
    ]
