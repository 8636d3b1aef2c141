"""The course on a local JupyterHub (hub/jupyterhub_config.py): several
students log in on 127.0.0.1, each opens lesson 1 through an nbgitpuller link
to a course repository and runs it (markers ``hub`` and ``browser``). Needs
configurable-http-proxy from npm (.ci/run installs it); without it the test is
skipped, and with NNPARAMS_REQUIRE_HUB=1 (as in CI) it fails instead."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from . import harness

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parents[2]
PROXY = os.environ.get("NNPARAMS_CHP") or shutil.which("configurable-http-proxy")
LESSON = "01-Counting-by-Hand.ipynb"
STUDENTS = ("ada", "grace", "alan")


def pull_link(hub, repo, notebook):
    """An nbgitpuller link: log in, start the server, pull the course, open *notebook*."""
    return f"{hub}/hub/user-redirect/git-pull?" + urlencode(
        {"repo": repo, "branch": "main", "urlpath": f"lab/tree/course/notebooks/{notebook}"})


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course repository holding the lessons, as an instructor publishes it."""
    repo = tmp_path_factory.mktemp("repo") / "course"
    shutil.copytree(ROOT / "notebooks", repo / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for command in (["init", "-q", "-b", "main"], ["add", "notebooks"],
                    ["-c", "user.name=Course", "-c", "user.email=course@example.invalid",
                     "commit", "-q", "-m", "The lessons"]):
        subprocess.run(["git", *command], cwd=repo, check=True, timeout=60)
    return f"file://{repo}"


@pytest.fixture(scope="module")
def hub(tmp_path_factory, browser):
    if PROXY is None:
        reason = "no configurable-http-proxy (npm install configurable-http-proxy)"
        if os.environ.get("NNPARAMS_REQUIRE_HUB") == "1":
            pytest.fail(f"the hub test is required here: {reason}")
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("hub")
    port = harness.free_port()
    (work / "test_config.py").write_text(f"""\
import os
os.environ["NNPARAMS_HUB_DATA"] = {str(work / "hub-data")!r}
c = get_config()
load_subconfig({str(ROOT / "hub" / "jupyterhub_config.py")!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_port = {harness.free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{harness.free_port()}"
c.ConfigurableHTTPProxy.command = [{PROXY!r}]
c.Spawner.args.append("--LabApp.expose_app_in_browser=True")
""")
    command = [sys.executable, "-m", "jupyterhub", "-f", str(work / "test_config.py")]
    with harness._server(command, f"http://127.0.0.1:{port}/hub/api", work):
        yield f"http://127.0.0.1:{port}", work / "hub-data"


@pytest.mark.parametrize("student", STUDENTS)
def test_a_student_logs_in_pulls_lesson_1_and_runs_it(browser, hub, course, student):
    url, data = hub
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        page.goto(pull_link(url, course, LESSON))
        page.fill("#username_input", student)
        page.fill("#password_input", "any")
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{student}/lab/**")
        harness.run_all(page, 300_000)
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_timeout(1000)
    finally:
        context.close()
    pulled = data / "home" / student / "course" / "notebooks" / LESSON
    cells = [c for c in json.loads(pulled.read_text())["cells"] if c["cell_type"] == "code"]
    assert cells and all(c["execution_count"] for c in cells), "not every cell ran"
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
    assert (data / "home" / student / "course" / ".git").is_dir()
