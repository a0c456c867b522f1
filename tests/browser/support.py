"""What the browser journeys share: Debian's Chromium, axe-core, screenshots, the outbox,
and two ways of working a page (pointer, or keyboard only).

Nothing here downloads anything: Chromium is the Debian package (`/usr/bin/chromium`)
and axe-core is the npm package that `make test` installs into tests/browser/node_modules
(`npm ci --prefix tests/browser`, pinned by tests/browser/package-lock.json).
"""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root. The rest keeps Chromium off the network (this machine
# has none) and quiet: no update checks, no sync, no QUIC probing.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A small phone (iPhone 12-15 class) and a laptop.
WIDTHS = (390, 1280)
HEIGHT = 800
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def t(language: str, text: str) -> str:
    """``text`` as the site says it in ``language`` (its catalogue's translation)."""
    with translation.override(language):
        return gettext(text)


def require_tools() -> None:
    """Fail, never skip, when the browser or axe-core is missing: say how to get them."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(
            f"{CHROMIUM} is missing: install Debian's package (apt-get install chromium; "
            ".ci/run does it)."
        )
    if not AXE_JS.exists():
        problems.append(
            f"{AXE_JS.relative_to(BROWSER_DIR.parents[1])} is missing: run `make test` "
            "(or `npm ci --prefix tests/browser`) to install the pinned axe-core."
        )
    if problems:
        pytest.fail("The browser tests cannot run:\n  " + "\n  ".join(problems), pytrace=False)


# --- axe-core ------------------------------------------------------------------------------

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return {
    passed: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
    })),
  };
}"""


def axe_violations(page) -> list[dict]:
    """Inject the vendored axe-core (once per document) and run the WCAG 2.x A/AA rules."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the page's Content-Security-Policy refuses
        # inline scripts, and Playwright's own evaluation is not subject to it.
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate(AXE_RUN, AXE_TAGS)
    # A page on which no rule passed was not really checked (an empty or broken document).
    assert results["passed"], f"axe-core checked nothing on {page.url}"
    return results["violations"]


def describe_violations(where: str, violations: list[dict]) -> str:
    lines = [f"{where}:"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"      {node['target']}")
            summary = " ".join((node["summary"] or "").split())
            if summary:
                lines.append(f"        {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"      … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


UNSCROLL = """() => {
  for (const el of document.querySelectorAll('*')) { if (el.scrollLeft) el.scrollLeft = 0; }
  window.scrollTo(0, window.scrollY);
}"""


class Journey:
    """One person's way through the site: each `step` is screenshotted at both widths and
    checked with axe-core; `assert_accessible` fails the test with every violation met.

    Screenshots go to var/screenshots/<name>/<step>-<width>.png (emptied at the start).
    """

    def __init__(self, page, name: str, *, screenshots: bool = True, axe: bool = True):
        self.page = page
        self.name = name
        self.screenshots = screenshots
        self.axe = axe
        self.directory = SCREENSHOTS / name
        self.steps: list[str] = []
        self.problems: list[str] = []
        if screenshots:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory.mkdir(parents=True, exist_ok=True)

    def step(self, name: str, *, axe: bool = True, screenshot: bool = True) -> None:
        """Record the page as it is now: screenshots (unless ``screenshot=False``: pages
        like the one before) and axe-core (``axe=False`` for Wagtail's own admin pages)."""
        self.page.wait_for_load_state("load")
        number = f"{len(self.steps) + 1:02d}-{name}"
        self.steps.append(number)
        original = self.page.viewport_size
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            if self.screenshots and screenshot:
                # A narrower width may have left a panel scrolled sideways (Wagtail's admin).
                self.page.evaluate(UNSCROLL)
                self.page.screenshot(
                    path=str(self.directory / f"{number}-{width}.png"), full_page=True
                )
            if self.axe and axe:
                violations = axe_violations(self.page)
                if violations:
                    where = f"{self.name} / {number} at {width} px ({self.page.url})"
                    self.problems.append(describe_violations(where, violations))
        self.page.set_viewport_size(original)

    def assert_accessible(self) -> None:
        assert not self.problems, (
            f"axe-core ({', '.join(AXE_TAGS)}) found violations on {len(self.problems)} "
            "page(s):\n" + "\n".join(self.problems)
        )


def admin_login(page, email: str, password: str) -> None:
    """Log in to the Wagtail admin (in whatever language it greets the browser)."""
    page.goto("/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert "/admin/login/" not in page.url, f"{email} could not log in to the admin"


# --- the outbox ------------------------------------------------------------------------------
#
# The worker sends with the project's embedded default, Django's file backend: each
# message is appended to a file in <VAR_DIR>/mail/, followed by a line of 79 dashes.

MESSAGE_SEPARATOR = re.compile(rb"^-{79}$", re.M)


class Outbox:
    """The e-mails a Celery worker sent, read from the files it wrote."""

    def __init__(self, directory: Path, worker_log: Path | None = None):
        self.directory = directory
        self.worker_log = worker_log

    def messages(self) -> list[EmailMessage]:
        found = []
        if not self.directory.exists():
            return found
        for path in sorted(self.directory.glob("*.log")):
            for chunk in MESSAGE_SEPARATOR.split(path.read_bytes()):
                if chunk.strip():
                    found.append(
                        email.message_from_bytes(chunk.lstrip(), policy=email.policy.default)
                    )
        return found

    def sent_to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if address.lower() in str(m["To"]).lower()]

    def wait_for(
        self,
        address: str,
        *,
        matching: Callable[[EmailMessage], bool] = lambda m: True,
        timeout: float = 60,
    ) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.sent_to(address) if matching(m)]
            if found:
                return found[-1]
            if time.monotonic() > deadline:
                subjects = [f"{m['To']}: {m['Subject']}" for m in self.messages()]
                log = ""
                if self.worker_log is not None and self.worker_log.exists():
                    log = self.worker_log.read_text(errors="replace")[-3000:]
                pytest.fail(
                    f"No e-mail to {address} after {timeout:.0f} s; the outbox has "
                    f"{subjects or 'nothing'}. The worker's log ends with:\n{log}"
                )
            time.sleep(0.25)


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message: EmailMessage, path_pattern: str) -> str:
    """The first absolute link of the plain-text body whose path matches ``path_pattern``."""
    for url in re.findall(r"https?://\S+", text_of(message)):
        if re.search(path_pattern, url):
            return url
    pytest.fail(f"No link matching {path_pattern!r} in:\n{text_of(message)}")


# --- working the page: pointer, or keyboard only ---------------------------------------------


class Pointer:
    """Works controls as most people do: click, type, pick from a list."""

    keyboard_only = False

    def __init__(self, page):
        self.page = page

    def click(self, locator, *, navigates: bool = True) -> None:
        if navigates:
            with self.page.expect_navigation():
                locator.click()
        else:
            locator.click()

    def fill(self, locator, text: str) -> None:
        locator.fill(text)

    def select(self, locator, label: str) -> None:
        locator.select_option(label=label)

    def choose(self, locator) -> None:
        """Pick a radio button."""
        locator.check()

    def toggle(self, locator) -> None:
        """Tick or untick a checkbox."""
        locator.set_checked(not locator.is_checked())


# Every element's outline and shadow before it has focus, keyed by the element: read
# again when Tab reaches it, to tell whether focus changed how it looks.
UNFOCUSED_STYLES_SCRIPT = """
(() => {
  const look = (el) => {
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} / ${s.boxShadow}`;
  };
  window.__gsefLook = look;
  window.__gsefUnfocused = new WeakMap();
  window.addEventListener('load', () => {
    const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';
    for (const el of document.querySelectorAll(focusable)) {
      if (el !== document.activeElement) window.__gsefUnfocused.set(el, look(el));
    }
  });
})();
"""

FOCUS_REPORT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== 'none';
  const before = window.__gsefUnfocused ? window.__gsefUnfocused.get(el) : undefined;
  const now = window.__gsefLook ? window.__gsefLook(el) : '';
  return {
    visible: (outline || shadow) && (before === undefined || before !== now),
    look: now, before: before === undefined ? null : before,
    element: el.outerHTML.slice(0, 160),
  };
}"""

WHERE_IS = """(target) => {
  const active = document.activeElement;
  if (active === target) return 'here';
  if (active && target.type === 'radio' && active.type === 'radio' && active.name === target.name
      && active.form === target.form) return 'group';
  if (!active || active === document.body) return 'after';
  return active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING
    ? 'before' : 'after';
}"""


class KeyboardOnly:
    """Works controls with the keyboard alone: Tab and Shift+Tab to reach a control,
    Enter or Space to use it, typing into fields; arrow keys only inside a radio group
    (the native radio-group pattern), and type-ahead in a closed <select>.

    Every element Tab reaches must show a focus indicator: an outline or a box-shadow
    that it did not have before it had focus. Elements that do not are collected in
    ``unseen_focus``; the test asserts the list is empty.
    """

    keyboard_only = True
    MAX_PRESSES = 200

    def __init__(self, page):
        self.page = page
        self.presses = 0
        self.unseen_focus: list[str] = []
        self._use_space = False

    # reaching a control

    def _press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1
        report = self.page.evaluate(FOCUS_REPORT)
        if report is not None and not report["visible"]:
            self.unseen_focus.append(
                f"{self.page.url}: {report['element']} (focused: {report['look']}; "
                f"unfocused: {report['before']})"
            )

    def reach(self, locator) -> None:
        locator.wait_for(state="visible")
        target = locator.element_handle()
        for _ in range(self.MAX_PRESSES):
            where = self.page.evaluate(WHERE_IS, target)
            if where == "here":
                return
            if where == "group":
                self._press("ArrowDown")
                continue
            self._press("Shift+Tab" if where == "before" else "Tab")
        pytest.fail(
            f"Tab and Shift+Tab never reached {locator} on {self.page.url} "
            f"in {self.MAX_PRESSES} presses."
        )

    # using it

    def click(self, locator, *, navigates: bool = True) -> None:
        self.reach(locator)
        tag = locator.evaluate("el => el.tagName.toLowerCase()")
        # Links answer Enter; buttons answer both: alternate so both are exercised.
        key = "Enter"
        if tag == "button" or tag == "input":
            key = " " if self._use_space else "Enter"
            self._use_space = not self._use_space
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)

    def fill(self, locator, text: str) -> None:
        self.reach(locator)
        assert locator.input_value() == "", f"{locator} is not empty: cannot type over it"
        self.page.keyboard.type(text)
        assert locator.input_value() == text

    def select(self, locator, label: str) -> None:
        self.reach(locator)
        self.page.keyboard.type(label)  # type-ahead in a closed <select>
        chosen = locator.evaluate("el => el.options[el.selectedIndex].text")
        assert chosen == label, f"type-ahead chose {chosen!r}, not {label!r}"

    def choose(self, locator) -> None:
        self.reach(locator)  # arrows inside the group check the radio they land on
        if not locator.is_checked():
            self.page.keyboard.press(" ")
        assert locator.is_checked()

    def toggle(self, locator) -> None:
        self.reach(locator)
        was = locator.is_checked()
        self.page.keyboard.press(" ")
        assert locator.is_checked() != was

    # the skip link

    def use_skip_link(self, skip_label: str) -> None:
        """From the top of a freshly loaded page: the first Tab shows the skip link, Enter
        moves focus to <main>, and the next Tab lands inside <main>."""
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        self.page.evaluate("() => window.scrollTo(0, 0)")
        self._press("Tab")
        link = self.page.evaluate(
            """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
            return {cls: el.className, text: el.textContent.trim(), href: el.getAttribute('href'),
                    shown: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0
                           && r.bottom <= innerHeight && r.right <= innerWidth}; }"""
        )
        assert link["cls"] == "skip-link", f"the first Tab reached {link}, not the skip link"
        assert link["text"] == skip_label and link["href"] == "#main", link
        assert link["shown"], "the skip link does not appear on screen when it has focus"
        self.page.keyboard.press("Enter")
        self.presses += 1
        assert self.page.evaluate("() => document.activeElement.id") == "main", (
            "Enter on the skip link did not move focus to <main>"
        )
        self._press("Tab")
        assert self.page.evaluate("() => !!document.activeElement.closest('main')"), (
            "after the skip link, Tab left <main>"
        )
