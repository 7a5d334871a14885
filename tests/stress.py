"""A stress dataset and templates: every label and takeaway three times as long.

The deck made from them must still pass every overflow check: text continues on further slides
instead of shrinking below its floor, and long chart labels are broken or shortened by measure.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

TIMES = 3
# Which fields of which dataset file are labels, made three times as long.
LABELS = {"metrics.yaml": ("metrics", ("label", "short_label")),
          "charts.yaml": ("charts", ("title",)),
          "events.yaml": ("events", ("title", "short_title"))}
TAKEAWAYS = re.compile(r"(\{% block takeaways %\})(.*?)(\{% endblock %\})", re.S)


def longer(text: str) -> str:
    return "; ".join([text] * TIMES)


def make_stress(data: Path, templates: Path, root: Path) -> tuple[Path, Path]:
    """Write the stress dataset and templates below root; return their folders."""
    stress_data = root / "stress"
    stress_templates = root / "templates"
    shutil.copytree(data, stress_data)
    shutil.copytree(templates, stress_templates)
    for name, (key, fields) in LABELS.items():
        path = stress_data / name
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in content[key]:
            for field in fields:
                if field in item:
                    item[field] = longer(item[field])
        path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    for template in (stress_templates / "narrative").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        template.write_text(TAKEAWAYS.sub(_longer_bullets, text), encoding="utf-8")
    spec = stress_templates / "report.yaml"
    spec.write_text(spec.read_text(encoding="utf-8")
                    + "  - {content: closing, layout: Closing}\n", encoding="utf-8")
    return stress_data, stress_templates


def _longer_bullets(match: re.Match[str]) -> str:
    lines = []
    for line in match.group(2).splitlines():
        if line.startswith("- "):
            line = "- " + longer(line[2:])
        lines.append(line)
    return match.group(1) + "\n".join(lines) + match.group(3)
