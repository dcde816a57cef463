import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_streamlit_config_keeps_everything_on_this_machine():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"].get("enableXsrfProtection", True) is True
    assert 10 <= config["server"]["maxUploadSize"] <= 50
    assert config["theme"]["primaryColor"]


def test_dependencies_pin_a_streamlit_with_the_security_fixes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    streamlit = next(d for d in project["dependencies"] if d.startswith("streamlit"))
    assert ">=1.54" in streamlit
    assert project["scripts"]["unstuck"] == "engine.cli:run"


def test_the_default_store_is_git_ignored():
    assert "data/*.duckdb" in (ROOT / ".gitignore").read_text().splitlines()
