"""A JupyterHub for the course on one machine, to try it and to test it.

Any user name logs in (DummyAuthenticator); each user's JupyterLab runs as a
process of the hub's own user with its home in hub-data/home/NAME
(SimpleLocalProcessSpawner: no system accounts needed, and no isolation
between users, so never for a real class); configurable-http-proxy (npm) in
front. Lessons arrive through nbgitpuller links (README, "Teaching a course").
The single-user servers run from the hub's Python environment, which needs
nnparams_edu, jupyterhub and nbgitpuller:

    pip install . jupyterhub nbgitpuller
    npm install --prefix hub-data/npm configurable-http-proxy
    PATH="$PWD/hub-data/npm/node_modules/.bin:$PATH" jupyterhub -f hub/jupyterhub_config.py

then open http://127.0.0.1:8000/ and log in with any name.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (given by JupyterHub)

data = Path(os.environ.get("NNPARAMS_HUB_DATA", "hub-data")).resolve()
data.mkdir(parents=True, exist_ok=True)

c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(data / "jupyterhub-proxy.pid")

c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(data / "home" / "{username}")

# Each user's server: JupyterLab from this environment (nbgitpuller included).
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.start_timeout = 120
