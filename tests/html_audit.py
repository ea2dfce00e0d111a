"""A small HTML auditor for the reader pages, on the standard library's parser.

It checks what the layout promises on every page (one h1, landmarks, title, description,
canonical and OpenGraph tags) and what the Content-Security-Policy forbids (inline scripts
other than JSON-LD data blocks, style attributes and <style> blocks, inline event handlers),
and that elements nest and close properly.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


@dataclass
class Audit:
    doctype: str = ""
    html_lang: str = ""
    title: str = ""
    h1_count: int = 0
    tags: list = field(default_factory=list)
    ids: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    links: list = field(default_factory=list)
    inline_scripts: list = field(default_factory=list)
    json_ld: list = field(default_factory=list)
    style_attributes: list = field(default_factory=list)
    style_elements: int = 0
    event_handlers: list = field(default_factory=list)
    nesting_errors: list = field(default_factory=list)

    @property
    def duplicate_ids(self):
        return sorted({value for value in self.ids if self.ids.count(value) > 1})

    def has_tag(self, tag_name, /, **attributes):
        return any(
            tag == tag_name and all(attrs.get(key) == value for key, value in attributes.items())
            for tag, attrs in self.tags
        )

    def link_href(self, rel):
        return next((attrs.get("href") for attrs in self.links if attrs.get("rel") == rel), None)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.audit = Audit()
        self.stack = []
        self.in_title = False
        self.script = None

    def handle_decl(self, decl):
        self.audit.doctype = decl

    def handle_starttag(self, tag, attrs):
        self._record(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._record(tag, attrs)

    def _record(self, tag, attrs):
        attributes = dict(attrs)
        audit = self.audit
        audit.tags.append((tag, attributes))
        if "id" in attributes:
            audit.ids.append(attributes["id"])
        if "style" in attributes:
            audit.style_attributes.append(tag)
        audit.event_handlers += [name for name in attributes if name.startswith("on")]
        if tag == "html":
            audit.html_lang = attributes.get("lang", "")
        elif tag == "h1":
            audit.h1_count += 1
        elif tag == "title" and not self.stack_has("svg"):
            self.in_title = True
        elif tag == "meta":
            key = attributes.get("name") or attributes.get("property")
            if key:
                audit.meta.setdefault(key, attributes.get("content", ""))
        elif tag == "link":
            audit.links.append(attributes)
        elif tag == "style":
            audit.style_elements += 1
        elif tag == "script":
            self.script = {"attrs": attributes, "text": ""}

    def stack_has(self, tag):
        return tag in self.stack

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "script" and self.script is not None:
            self._finish_script()
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.audit.nesting_errors.append(f"</{tag}> closes <{self.stack[-1:]}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def _finish_script(self):
        script, self.script = self.script, None
        attrs, text = script["attrs"], script["text"]
        if attrs.get("type") in DATA_BLOCK_TYPES:
            if attrs.get("type") == "application/ld+json":
                self.audit.json_ld.append(json.loads(text))
        elif "src" not in attrs or text.strip():
            self.audit.inline_scripts.append(text)

    def handle_data(self, data):
        if self.in_title:
            self.audit.title += data
        if self.script is not None:
            self.script["text"] += data

    def close(self):
        super().close()
        if self.stack:
            self.audit.nesting_errors.append(f"unclosed: {self.stack}")


def audit_html(content):
    parser = _Parser()
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    parser.close()
    return parser.audit


def assert_page_quality(content, *, indexable=True):
    """What every reader page must satisfy; `indexable` pages also need canonical and OG."""
    audit = audit_html(content)
    assert audit.doctype.lower() == "doctype html"
    assert audit.html_lang == "en"
    assert audit.title.strip()
    assert audit.h1_count == 1
    assert audit.meta.get("description")
    assert audit.meta.get("viewport")
    assert audit.meta.get("theme-color")
    for landmark in ("header", "nav", "main", "footer"):
        assert audit.has_tag(landmark), landmark
    assert audit.has_tag("a", **{"class": "skip-link", "href": "#main"})
    assert audit.link_href("icon") is not None
    assert audit.inline_scripts == []
    assert audit.style_attributes == []
    assert audit.style_elements == 0
    assert audit.event_handlers == []
    assert audit.nesting_errors == []
    assert audit.duplicate_ids == []
    if indexable:
        canonical = audit.link_href("canonical")
        assert canonical is not None and canonical.startswith("http")
        for key in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert audit.meta.get(key), key
        assert audit.meta["og:url"] == canonical
    return audit
