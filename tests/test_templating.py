"""The compiled-template cache shared by builds and processes (hanoi_info.templating)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader, Environment, FileSystemLoader

from hanoi_info.templating import TemplateCodeCache


def _environment(folder: Path, cache: TemplateCodeCache, **settings) -> Environment:
    return Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=cache, **settings)


def _templates(tmp_path: Path, name: str, text: str) -> tuple[Path, TemplateCodeCache]:
    """A template folder with one template, and a cache kept in tmp_path/cache."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / name).write_text(text, encoding="utf-8")
    cache = TemplateCodeCache()
    cache.keep_in(tmp_path / "cache")
    return templates, cache


def _count_compiles(environment: Environment) -> list[str]:
    compiled: list[str] = []
    original = environment.compile

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(source, name, filename, raw, defer_init)

    environment.compile = compile  # type: ignore[method-assign]
    return compiled


def test_a_new_process_loads_what_an_earlier_one_compiled(tmp_path):
    templates, first = _templates(tmp_path, "page.html", "<p>{{ title }}</p>")
    assert _environment(templates, first).get_template("page.html").render(title="Hồ Gươm") == "<p>Hồ Gươm</p>"

    later = TemplateCodeCache()  # what a new process starts with
    later.keep_in(tmp_path / "cache")
    environment = _environment(templates, later)
    compiled = _count_compiles(environment)
    assert environment.get_template("page.html").render(title="Hồ Tây") == "<p>Hồ Tây</p>"
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path):
    templates, cache = _templates(tmp_path, "page.html", "<p>{{ title }}</p>")
    page = templates / "page.html"
    _environment(templates, cache).get_template("page.html").render(title="x")

    page.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    fresh = TemplateCodeCache()
    fresh.keep_in(tmp_path / "cache")
    for shared in (cache, fresh):  # the same process (live reload) and a new one
        assert _environment(templates, shared).get_template("page.html").render(title="x") == "<h1>x</h1>"


def test_the_same_file_under_other_settings_is_other_code(tmp_path):
    templates, cache = _templates(tmp_path, "list.html", "{% for x in items %}\n  <li>{{ x }}</li>\n{% endfor %}\n")
    plain = _environment(templates, cache).get_template("list.html").render(items=["<a>"])
    trimmed = _environment(templates, cache, trim_blocks=True, lstrip_blocks=True).get_template("list.html").render(items=["<a>"])
    escaped = _environment(templates, cache, autoescape=True).get_template("list.html").render(items=["<a>"])
    assert plain == "\n  <li><a></li>\n"
    assert trimmed == "  <li><a></li>\n"
    assert escaped == "\n  <li>&lt;a&gt;</li>\n"


def test_without_a_folder_the_cache_lives_in_memory_only(tmp_path):
    cache = TemplateCodeCache()
    environment = Environment(loader=DictLoader({"t.html": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    assert environment.get_template("t.html").render() == "2"
    assert cache.directory is None
    assert list(tmp_path.iterdir()) == []
