"""The handouts step of a site build. Before MkDocs writes a page,
:func:`prepare` checks everything (registry, site address, practical facts,
fonts, libraries) and :func:`start` builds each handout's HTML and starts
rendering the ones not in the cache in worker processes; once every language
is built, :func:`write_outputs` collects the PDFs and writes the files. All
raise :class:`HandoutsError` with messages that say how to fix the input."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Mapping

from hanoi_info.context import CapturedPage
from hanoi_info.corpus import Corpus
from hanoi_info.handouts import cjkfonts, fonts, outputs, plan, registry, render
from hanoi_info.handouts.document import DocumentBuilder
from hanoi_info.handouts.plan import Handout, ShortLink
from hanoi_info.qr import CACHE_DIR as QR_CACHE_DIR, QrCache
from hanoi_info.handouts.registry import Redirect, Registry

MAX_PAGES = 2  # one sheet, printed on both sides
# Merged packs (one PDF per language and variant), below the handouts' cache folder.
PACKS_CACHE = "packs"


class HandoutsError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    templates_dir: Path
    locales_dir: Path
    registry: Path
    cache_dir: Path
    site_url: str
    site_name: str
    variants: tuple[str, ...]
    workers: int = 0
    pictures: Any = None  # hanoi_info.pictures.publish.Pictures: photos as print files
    place_rules: Any = None  # hanoi_info.places.PlaceRules: place pages get a directions code


@dataclass
class BuildPlan:
    corpus: Corpus
    settings: Settings
    built: tuple[str, ...]  # language codes this build writes
    handouts: list[Handout]
    links: list[ShortLink]
    registry: Registry
    redirects: list[Redirect]
    font_matches: list[fonts.FontMatch]
    advice: list[str]

    @cached_property
    def fonts_fingerprint(self) -> str:
        return fonts.fonts_fingerprint(self.font_matches)

    @cached_property
    def by_page(self) -> dict[tuple[str, str], Handout]:
        return {(item.norm_path, item.lang): item for item in self.handouts}

    @cached_property
    def index_languages(self) -> list[str]:
        """The languages that have handouts (and so a list of them), in site order."""
        found = {item.lang for item in self.handouts}
        return [language.code for language in self.corpus.languages if language.code in found]

    @property
    def primary_variant(self) -> str:
        return "office" if "office" in self.settings.variants else self.settings.variants[0]


@dataclass(frozen=True)
class Report:
    handouts: int
    variants: tuple[str, ...]
    rendered: int  # PDFs rendered by this build
    reused: int  # PDFs taken from the cache
    short_links: int
    packs: int

    def summary(self) -> str:
        return (
            f"Handouts: {self.handouts} handout(s) × {len(self.variants)} variant(s) ({', '.join(self.variants)}): "
            f"{self.rendered} rendered, {self.reused} from the cache; {self.packs} print pack(s); "
            f"{self.short_links} short link(s) under /q/"
        )


def registry_problems_message(problems: list[str]) -> str:
    return "the QR short links have problems; fix them and build again:\n" + "\n".join(problems)


def prepare(corpus: Corpus | None, settings: Settings, built: tuple[str, ...]) -> BuildPlan:
    if corpus is None:
        raise HandoutsError("the 'hanoi' plugin has not loaded the content; list 'hanoi' first under plugins")
    if not settings.site_url:
        raise HandoutsError(
            "site_url is not set: the QR codes and short links need the site's address; "
            "set site_url in mkdocs.yml (or HANOI_SITE_URL, or --site-url)"
        )
    codes = [language.code for language in corpus.languages]
    built = tuple(code for code in codes if code in built) or tuple(codes)
    items = plan.handouts(corpus, built)
    links = plan.short_links(corpus, built)
    problems = plan.code_collisions(links)
    try:
        issued = registry.load_registry(settings.registry, codes)
    except registry.RegistryError as error:
        raise HandoutsError(f"the QR code registry cannot be read:\n{error}") from None
    redirects, unresolved = registry.resolve(issued, corpus, links, built, settings.site_name)
    problems += unresolved
    if problems:
        raise HandoutsError(registry_problems_message(problems))

    facts_problems = []
    for item in items:
        facts_problems += [f"docs/{problem}" for problem in plan.handout_facts(corpus, item, settings.docs_dir)[1]]
    if facts_problems:
        raise HandoutsError("the handouts have problems; fix them and build again:\n" + "\n".join(facts_problems))

    advice = []
    address_problem = plan.site_url_problem(settings.site_url)
    if "print" in settings.variants:
        if address_problem:
            raise HandoutsError(
                f"the print handouts need the site's public HTTPS address, but {address_problem}. "
                "A QR code printed with a wrong address cannot be recalled. Set HANOI_SITE_URL=https://<public address>/ "
                "(or pass --site-url), or build without --print (and without 'print' in plugins.hanoi-handouts.variants) for the office handouts only"
            )
        missing = registry.unissued(issued, items)
        if missing:
            listed = "\n".join(f"  {item.code}  {item.page_id} ({item.lang})" for item in missing)
            shown = settings.registry.relative_to(settings.root) if settings.registry.is_relative_to(settings.root) else settings.registry
            raise HandoutsError(
                f"the print handouts need every printed QR code in {shown.as_posix()}, and these are not issued yet:\n"
                f"{listed}\nRun 'hanoi-info qr issue' and commit {shown.as_posix()}"
            )
    elif address_problem and items:
        advice.append(
            f"{address_problem}; the office handouts' QR codes lead there and the sheets say 'Draft'. "
            "Set HANOI_SITE_URL=https://<public address>/ for handouts to hand out"
        )

    matches: list[fonts.FontMatch] = []
    if items:
        try:
            matches = fonts.check_fonts()
        except fonts.MissingDependency as error:
            raise HandoutsError(str(error)) from None
    return BuildPlan(corpus, settings, built, items, links, issued, redirects, matches, advice)


def qr_cache(settings: Settings) -> QrCache:
    return QrCache(settings.root / QR_CACHE_DIR)


def document_builder(build_plan: BuildPlan, matrices: QrCache | None = None) -> DocumentBuilder:
    settings = build_plan.settings
    return DocumentBuilder(
        corpus=build_plan.corpus, docs_dir=settings.docs_dir, templates_dir=settings.templates_dir,
        locales_dir=settings.locales_dir, site_url=settings.site_url, site_name=settings.site_name,
        qr_cache=matrices or qr_cache(settings), pictures=settings.pictures, place_rules=settings.place_rules,
    )


def prints_page_text(build_plan: BuildPlan, item: Handout) -> bool:
    """Whether the handout prints the page's text (no handout_summary): its
    document needs the page as the language's build rendered it."""
    record = build_plan.corpus.get(item.norm_path, item.lang)
    return record is not None and record.meta.handout_summary is None


def render_jobs(
    build_plan: BuildPlan, stylesheets: render.Stylesheets, matrices: QrCache | None = None,
    items: list[Handout] | None = None, pages: Mapping[tuple[str, str], CapturedPage] | None = None,
    builder: DocumentBuilder | None = None,
) -> list[tuple[Handout, str, render.RenderJob, bool]]:
    """One job per handout (of ``items``, by default every one that does not
    print its page's text) and variant: (handout, variant, job, uses the page text)."""
    settings = build_plan.settings
    builder = builder or document_builder(build_plan, matrices)
    if items is None:
        items = [item for item in build_plan.handouts if not prints_page_text(build_plan, item)]
    jobs = []
    for item in items:
        page = None
        if prints_page_text(build_plan, item):
            page = (pages or {}).get((item.norm_path, item.lang))
            if page is None:
                raise HandoutsError(f"docs/{item.src_path}: the page was not built in '{item.lang}', "
                                    "and its handout prints the page's text; build every language")
        document, _ = builder.build(item, page)
        for variant in settings.variants:
            key = render.cache_key(document.html, document.base_url, variant, stylesheets, build_plan.fonts_fingerprint)
            job = render.RenderJob(
                key, document.html, document.base_url, variant, f"docs/{item.src_path}",
                preview=variant == build_plan.primary_variant, lang=item.lang,
            )
            jobs.append((item, variant, job, document.uses_page_text))
    return jobs


@dataclass
class Started:
    """The handouts' rendering, started before MkDocs builds the pages (the
    handouts that print their page's text wait for the page: ``later``)."""

    jobs: list[tuple[Handout, str, render.RenderJob, bool]]
    rendering: render.Rendering | None
    matrices: QrCache
    later: list[Handout] = field(default_factory=list)
    stylesheets: render.Stylesheets | None = None
    prepare: Callable[[Callable], object] | None = None
    builder: DocumentBuilder | None = None  # the page-text handouts' (its templates compiled once)


def start(build_plan: BuildPlan) -> Started:
    """Build the HTML of every handout with a summary and start rendering the
    ones not in the cache."""
    settings = build_plan.settings
    matrices = qr_cache(settings)
    if not build_plan.handouts:
        return Started([], None, matrices)
    prepared = cjkfonts.planned(build_plan.font_matches, settings.cache_dir)
    later = [item for item in build_plan.handouts if prints_page_text(build_plan, item)]

    def prepare(map_: Callable = map) -> object:
        fonts.check_renderer()
        return cjkfonts.prepare(prepared, map_)

    try:
        stylesheets = render.Stylesheets.load(settings.templates_dir, settings.variants, cjkfonts.font_face_css(prepared))
        jobs = render_jobs(build_plan, stylesheets, matrices)
        rendering = render.Rendering(
            [job for _, _, job, _ in jobs], settings.cache_dir, stylesheets, settings.workers, prepare=prepare,
        )
    except fonts.MissingDependency as error:
        raise HandoutsError(str(error)) from None
    except (render.RenderError, OSError) as error:
        raise HandoutsError(f"the handouts cannot be rendered: {error}") from None
    return Started(jobs, rendering, matrices, later, stylesheets, prepare)


def page_text_jobs(build_plan: BuildPlan, started: Started, item: Handout,
                   page: CapturedPage) -> list[tuple[Handout, str, render.RenderJob, bool]]:
    """The render jobs of a handout that prints its page's text, made in the
    language build that rendered the page (so on every core)."""
    assert started.stylesheets is not None
    if started.builder is None:
        started.builder = document_builder(build_plan, started.matrices)
    return render_jobs(build_plan, started.stylesheets, started.matrices, [item], {(item.norm_path, item.lang): page},
                       started.builder)


def _render_later(build_plan: BuildPlan, started: Started,
                  jobs_by_page: Mapping[tuple[str, str], list[tuple[Handout, str, render.RenderJob, bool]]]
                  ) -> dict[str, render.Rendered]:
    """The handouts that print their page's text (rendered now, or read from the cache)."""
    if not started.later:
        return {}
    assert started.stylesheets is not None
    jobs = []
    for item in started.later:
        made = jobs_by_page.get((item.norm_path, item.lang))
        if made is None:
            raise HandoutsError(f"docs/{item.src_path}: the page was not built in '{item.lang}', "
                                "and its handout prints the page's text; build every language")
        jobs += made
    started.jobs.extend(jobs)
    try:
        return render.Rendering(
            [job for _, _, job, _ in jobs], build_plan.settings.cache_dir, started.stylesheets,
            build_plan.settings.workers, prepare=started.prepare,
        ).wait()
    except fonts.MissingDependency as error:
        raise HandoutsError(str(error)) from None
    except render.RenderError as error:
        raise HandoutsError(str(error)) from None


def write_short_links(build_plan: BuildPlan, site_dir: Path, matrices: QrCache) -> None:
    """Every short link's redirect page and QR images (``q/<code>/``): they need
    the plan only, so any process may write them while the languages are built."""
    settings = build_plan.settings
    outputs.write_redirect_pages(site_dir, build_plan.redirects, settings.templates_dir, settings.locales_dir,
                                 build_plan.corpus, settings.site_url)
    outputs.write_qr_images(site_dir, [redirect.code for redirect in build_plan.redirects], settings.site_url, matrices)


def write_outputs(build_plan: BuildPlan, site_dir: Path, started: Started | None = None,
                  short_links_written: bool = False,
                  page_jobs: Mapping[tuple[str, str], list] | None = None) -> Report:
    """Everything the handouts publish, once every language is built (the
    short links too, unless :func:`write_short_links` already wrote them).
    ``page_jobs``: the jobs of the handouts that print their page's text, made
    by the language builds (hanoi_info.context.LanguageResults.handout_jobs)."""
    settings = build_plan.settings
    corpus = build_plan.corpus
    started = started or start(build_plan)
    if not short_links_written:
        write_short_links(build_plan, site_dir, started.matrices)
    missing_targets = registry.missing_path_targets(site_dir, build_plan.redirects)
    if missing_targets:
        if started.rendering is not None:
            started.rendering.cancel()
        raise HandoutsError(registry_problems_message(missing_targets))
    if started.rendering is None:
        return Report(0, settings.variants, 0, 0, len(build_plan.redirects), 0)
    try:
        results = started.rendering.wait()
    except render.RenderError as error:
        raise HandoutsError(str(error)) from None
    results.update(_render_later(build_plan, started, page_jobs or {}))
    jobs = started.jobs

    too_long = []
    for item, variant, job, uses_page_text in jobs:
        pages = results[job.key].pages
        if pages > MAX_PAGES:
            fix = (
                "the page text does not fit: add a handout_summary to its front matter"
                if uses_page_text else "shorten its handout_summary (or handout_facts)"
            )
            too_long.append(f"docs/{item.src_path}: the {variant} handout has {pages} pages, at most {MAX_PAGES} (one sheet); {fix}")
    if too_long:
        raise HandoutsError("the handouts do not fit on one sheet:\n" + "\n".join(sorted(set(too_long))))

    packs: dict[tuple[str, str], list[tuple[Path, int]]] = {}
    for item, variant, job, _ in jobs:
        result = results[job.key]
        render.copy_file(result.pdf, site_dir / item.pdf_path(variant))
        if result.preview is not None:
            render.copy_file(result.preview, site_dir / item.preview_path)
        packs.setdefault((item.lang, variant), []).append((result.pdf, result.pages))
    pack_keys = set()
    for (lang, variant), pdfs in packs.items():
        prefix = corpus.language(lang).url_prefix
        dated = [corpus.get(item.norm_path, item.lang).meta.updated for item in build_plan.handouts if item.lang == lang]
        one_sheet_each = variant == "print"
        pack_keys.add(outputs.pack_key(pdfs, one_sheet_each=one_sheet_each, date=max(dated)))
        outputs.write_pack(pdfs, site_dir / plan.pack_path(prefix, lang, variant), one_sheet_each=one_sheet_each,
                           date=max(dated), cache_dir=settings.cache_dir / PACKS_CACHE)

    keys = {job.key for _, _, job, _ in jobs}
    if set(build_plan.built) == {language.code for language in corpus.languages}:
        render.prune(settings.cache_dir, keys, settings.variants)
        outputs.prune_packs(settings.cache_dir / PACKS_CACHE, pack_keys, render.PRUNE_AFTER_SECONDS)
    rendered = sum(1 for key in keys if results[key].rendered)
    return Report(len(build_plan.handouts), settings.variants, rendered, len(keys) - rendered, len(build_plan.redirects), len(packs))
