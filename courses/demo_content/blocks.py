"""Short builders for module bodies, so the course files read like the lessons they hold.

Each builder returns a block in StreamField's raw JSON form
(``{"type": ..., "value": ...}``); a body is a plain list of them. Rich text is
HTML in Wagtail's database format (external links are ordinary ``<a href>``).
"""

from __future__ import annotations

import uuid

Block = dict
Option = dict
Question = dict

ITEM_NAMESPACE = uuid.UUID("6f1c2d1e-3b0a-4c55-9a51-2f6d0f0b7a10")


def heading(text: str, level: str = "h2") -> Block:
    return {"type": "heading", "value": {"text": text, "level": level}}


def subheading(text: str) -> Block:
    return heading(text, "h3")


def text(html: str) -> Block:
    return {"type": "paragraph", "value": html}


def _callout(kind: str, title: str, body: str) -> Block:
    return {"type": "callout", "value": {"kind": kind, "title": title, "body": body}}


def note(title: str, body: str) -> Block:
    return _callout("note", title, body)


def tip(title: str, body: str) -> Block:
    return _callout("tip", title, body)


def important(title: str, body: str) -> Block:
    return _callout("important", title, body)


def case_study(title: str, place: str, body: str, quote: str = "", quote_by: str = "") -> Block:
    """A city's story. ``quote`` is only ever a public text (a law, a resolution), not a person."""
    return {
        "type": "case_study",
        "value": {
            "title": title,
            "place": place,
            "quote": quote,
            "quote_by": quote_by,
            "body": body,
        },
    }


def link(title: str, url: str, description: str = "") -> dict:
    return {"title": title, "url": url, "description": description}


def resources(title: str, *links: dict) -> Block:
    return {"type": "resources", "value": {"title": title, "links": list(links)}}


def right(answer: str, explanation: str) -> Option:
    return {"text": answer, "correct": True, "explanation": explanation}


def wrong(answer: str, explanation: str) -> Option:
    return {"text": answer, "correct": False, "explanation": explanation}


def single(prompt: str, *options: Option) -> Question:
    """A question with exactly one correct answer."""
    return {"prompt": prompt, "kind": "single", "options": list(options)}


def multiple(prompt: str, *options: Option) -> Question:
    """A question where the learner ticks every correct answer."""
    return {"prompt": prompt, "kind": "multiple", "options": list(options)}


def _item(value: dict, *names: str) -> dict:
    """A list item with a stored id. Answers are posted and graded by these ids, so they
    must not change each time the page is loaded (items stored without an id get a new
    one on every load); derived from the text, they are the same on every seeding."""
    return {"type": "item", "id": str(uuid.uuid5(ITEM_NAMESPACE, "\n".join(names))), "value": value}


def quiz(title: str, introduction: str, *questions: Question, pass_mark: int = 70) -> Block:
    return {
        "type": "quiz",
        "value": {
            "title": title,
            "introduction": introduction,
            "pass_mark": pass_mark,
            "questions": [
                _item(
                    {
                        **question,
                        "options": [
                            _item(option, title, question["prompt"], option["text"])
                            for option in question["options"]
                        ],
                    },
                    title,
                    question["prompt"],
                )
                for question in questions
            ],
        },
    }
