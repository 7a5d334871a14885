"""Fields (package/): a Word field that reads or runs something outside the document refused, one
that depends on the machine or the time replaced by the text it last showed; PowerPoint's date
and time fields likewise."""

from __future__ import annotations

import shlex
from urllib.parse import urlsplit

from reportgen.package.parts import Package, Part
from reportgen.package.policy import LINK_SCHEMES, PULLING_FIELDS, SAFE_FIELDS, A, W


def slide_fields(pkg: Package, part: Part) -> None:
    """PowerPoint date and time fields become the text they last showed."""
    assert part.tree is not None
    for field in list(part.tree.iter(f"{{{A}}}fld")):
        if (field.get("type") or "").lower().startswith("datetime"):
            field.tag = f"{{{A}}}r"
            for attr in ("id", "type"):
                field.attrib.pop(attr, None)
            for child in field.findall(f"{{{A}}}pPr"):
                field.remove(child)
            part.changed = True


def word_fields(pkg: Package, part: Part) -> None:
    """Word's simple fields, then its complex ones (begin, instructions, separate, the
    text last shown, end): refused, kept, or replaced by the text they last showed."""
    assert part.tree is not None
    w = f"{{{W}}}"
    for simple in list(part.tree.iter(w + "fldSimple")):
        if judge(pkg, part.name, simple.get(w + "instr", "")):
            parent = simple.getparent()
            at = parent.index(simple)
            for child in reversed([c for c in simple if c.tag != w + "fldData"]):
                parent.insert(at, child)
            parent.remove(simple)
            part.changed = True
    complex_fields(pkg, part)


def complex_fields(pkg: Package, part: Part) -> None:
    assert part.tree is not None
    root = part.tree
    w = f"{{{W}}}"
    runs = {run: i for i, run in enumerate(root.iter(w + "r"))}
    order = list(runs)
    stack: list[dict[str, object]] = []
    drop: set[int] = set()
    for node in root.iter(w + "fldChar", w + "instrText", w + "delInstrText"):
        at = runs.get(node.getparent())
        if at is None:
            continue
        if node.tag != w + "fldChar":
            if stack and stack[-1]["separate"] is None:
                stack[-1]["instr"] = str(stack[-1]["instr"]) + (node.text or "")
            continue
        kind = node.get(w + "fldCharType")
        if kind == "begin":
            stack.append({"begin": at, "separate": None, "instr": ""})
        elif kind == "separate" and stack:
            stack[-1]["separate"] = at
        elif kind == "end" and stack:
            field = stack.pop()
            if judge(pkg, part.name, str(field["instr"])):
                last = field["separate"] if field["separate"] is not None else at
                assert isinstance(field["begin"], int) and isinstance(last, int)
                drop.update(range(field["begin"], last + 1))
                drop.add(at)
    for i in sorted(drop):
        order[i].getparent().remove(order[i])
        part.changed = True


def judge(pkg: Package, part: str, instruction: str) -> bool:
    """Whether a field is to be replaced by its cached text (a refused one is reported)."""
    words = instruction.strip().split(None, 1)
    if not words:
        return False
    name = words[0].upper().lstrip("\\")
    if name.startswith("="):
        name = "="
    if name in PULLING_FIELDS:
        pkg.refuse(part, f"a {name} field, which reads or runs something outside the "
                   "document", "remove the field, or replace it by its text (select it, "
                   "Ctrl+Shift+F9 in Word)")
        return False
    if name == "HYPERLINK":
        try:
            args = shlex.split(words[1] if len(words) > 1 else "", posix=False)
        except ValueError:
            args = []
        if "\\l" not in args:
            target = next((a.strip('"') for a in args if not a.startswith("\\")), "")
            if target and urlsplit(target).scheme.lower() not in LINK_SCHEMES:
                pkg.refuse(part, "a HYPERLINK field to a file or network share outside "
                           "the template", "only hyperlinks to http, https and mailto "
                           "addresses may leave the template")
        return False
    return name not in SAFE_FIELDS
