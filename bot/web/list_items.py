"""Adding and removing list items on the console's pages: a case, a warning sign, a red-flag phrase list, a
stop-loss step (per scam type), a region's phone number or way of paying, a quiz question.

A new item starts as a blank item written in the files' own style (SKELETONS: quoted texts, flow mappings where
the files use them); its form is built from that blank item by the same page builders as the existing items'
(forms.py), one field per language and audience, plus its id. Saving fills the blank item and appends it to the
file's list (yaml_lists.py keeps the blank lines and comments around it). Only what a form cannot leave to the
publish check is refused here (an empty field, an id that is not one, a number or way of paying without its
source); whatever the item breaks elsewhere (a red flag left pointing at a removed warning sign, too few cases,
a region left with no way of paying) is found by the content check when the draft is published, and shown
beside its field like any other problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.schema import ID, LANGUAGES, MAX_BUTTON_ID, NUMBER_KINDS
from bot.web import forms, yaml_lists
from bot.web.drafts import round_trip


@dataclass(frozen=True)
class Kind:
    name: str  # in the page's address: /scams/<type>/add/<name>
    folder: str  # the files it is added to: scams, regions or quiz
    section: str  # the list it is appended to (for a stop-loss step: the four lists of stop_loss)
    heading: str  # word key of the add page's title and of the link to it
    id_prefix: str | None  # a new item's suggested id: prefix + a number; None: the item has no id


KINDS = {
    kind.name: kind
    for kind in (
        Kind("case", "scams", "cases", "console_add_case", "case_"),
        Kind("sign", "scams", "checklist", "console_add_sign", "sign_"),
        Kind("red_flag", "scams", "red_flags", "console_add_red_flag", None),
        Kind("stop_loss_step", "scams", "stop_loss", "console_add_stop_loss_step", None),
        Kind("number", "regions", "numbers", "console_add_number", "number_"),
        Kind("payment_method", "regions", "payment_methods", "console_add_payment_method", "method_"),
        Kind("question", "quiz", "questions", "console_add_question", None),  # prefixed by its scam type
    )
}
# The add link each page section shows: section heading (forms.py) -> kind.
ADD_TO_SECTION = {
    "console_part_cases": "case", "console_part_checklist": "sign", "console_part_red_flags": "red_flag",
    "console_part_stop_loss": "stop_loss_step", "console_part_numbers": "number", "console_part_questions": "question",
    "console_part_payment_methods": "payment_method",
}  # fmt: skip
# The lists whose items a page can remove: one item of these lists, or one step of a stop-loss list.
REMOVABLE_LISTS = ("cases", "checklist", "red_flags", "numbers", "payment_methods", "questions")

_PER_AUDIENCE = '\n'.join(f"{' ' * 6}{lang}:\n{' ' * 8}standard: \"\"\n{' ' * 8}elderly: \"\"" for lang in LANGUAGES)
SKELETONS = {
    "case": f"""cases:
  - id: x
    date: {{en: "", zh: ""}}
    place: {{en: "", zh: ""}}
    amount: {{en: "", zh: ""}}
    story:
{_PER_AUDIENCE}
    source:
      title:
        en: ""
        zh: ""
      url: ""
""",
    "sign": f"checklist:\n  - id: x\n    sign:\n{_PER_AUDIENCE}\n    why:\n{_PER_AUDIENCE}\n",
    "red_flag": 'red_flags:\n  - checklist: x\n    phrases:\n      en: [""]\n      zh: [""]\n',
    "stop_loss_step": """stop_loss:
  en:
    standard: ""
    elderly: ""
  zh:
    standard: ""
    elderly: ""
""",
    "number": """numbers:
  - id: x
    kind: x
    number: ""
    label: {en: "", zh: ""}
    source: {title: {en: "", zh: ""}, url: ""}
""",
    # A way of paying names the official page its step comes from, like a number (its step may name one).
    "payment_method": """payment_methods:
  - id: x
    method: {en: "", zh: ""}
    step:
      en: ""
      zh: ""
    source: {title: {en: "", zh: ""}, url: ""}
""",
    "question": """questions:
  - id: x
    answer: x
    message:
      en: ""
      zh: ""
    explanation:
      en: ""
      zh: ""
""",
}


def blank(kind: Kind):
    """The blank item's file, as ruamel's round-trip data (with the lines its fields are labelled with)."""
    return round_trip().load(SKELETONS[kind.name])


def _ids(data, section: str) -> list[str]:
    items = data.get(section) if isinstance(data, dict) else None
    return [str(item.get("id")) for item in items or () if isinstance(item, dict)]


def suggested_id(kind: Kind, data, scam_type: str) -> str:
    """An id no item of the list has yet, in the style of the kind (a quiz id carries its scam type: quiz ids are
    unique across all quiz files)."""
    prefix = kind.id_prefix or f"{scam_type}_q"
    taken = set(_ids(data, kind.section))
    number = len(taken) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def _new_group(page: forms.Page, section: str) -> list[forms.Field]:
    """The fields the page builder made for the blank item (the only item of its list)."""
    return [f for f in page.fields() if f.path[0] == section]


def fields(kind: Kind, skeleton, data, name: str) -> list[forms.Field]:
    """The new item's fields, on `skeleton` (from `blank`); `data` is the file it will be added to, `name` the
    file's scam type or region."""
    path = (kind.section, 0)
    ident = forms.Field(f"{kind.section}.0.id", (*path, "id"), "id", "", ("console_part_id",), 2, 2)
    per_language, per_audience, one = forms.per_language, forms.per_audience, forms.one_field
    source = [
        *per_language(skeleton, (*path, "source", "title"), "text", "console_part_source_title"),
        *one(skeleton, (*path, "source", "url"), "source", ("console_part_source_url",)),
    ]
    if kind.name in ("case", "sign"):
        own = _new_group(forms.scam_page("", skeleton), kind.section)
        return [ident, *own, *(source if kind.name == "case" else ())]
    if kind.name == "red_flag":
        signs = tuple(_ids(data, "checklist"))
        target = one(skeleton, (*path, "checklist"), "choice", ("console_part_checklist_id",), signs)
        return [*target, *per_language(skeleton, (*path, "phrases"), "lines", "console_part_phrases")]
    if kind.name == "stop_loss_step":
        return per_audience(skeleton, ("stop_loss",), "text", "console_part_stop_loss")
    if kind.name == "number":
        number_kind = one(skeleton, (*path, "kind"), "choice", ("console_part_number_kind",), NUMBER_KINDS)
        texts = _new_group(forms.region_page("", skeleton), kind.section)
        return [ident, *number_kind, *[f for f in texts if f.kind != "source"], *source]
    if kind.name == "payment_method":
        return [ident, *_new_group(forms.region_page("", skeleton), kind.section), *source]
    return [ident, *_new_group(forms.quiz_page("", skeleton, name), kind.section)]


def refusals(targets: list[forms.Field], posted: dict[str, str], data, checked: bool) -> dict[str, str]:
    """Why the new item cannot be saved, by field (word keys); {} when it can. `posted`: the normalised values;
    `checked`: whether the source's box is ticked."""
    refused = {}
    taken = set(_ids(data, targets[0].path[0]))
    for target in targets:
        value = posted.get(target.name, "")
        if not value:
            refused[target.name] = "console_item_field_needed"
        elif target.kind == "id" and (not ID.match(value) or len(value) > MAX_BUTTON_ID):
            refused[target.name] = "console_item_id_invalid"
        elif target.kind == "id" and value in taken:
            refused[target.name] = "console_item_id_used"
        elif target.kind in ("choice", "answer") and value not in target.choices:
            refused[target.name] = "console_item_field_needed"
        elif target.kind == "source" and (not forms.WEB_ADDRESS.match(value) or not checked):
            refused[target.name] = "console_item_needs_source"
    return refused


def add(kind: Kind, skeleton, targets: list[forms.Field], posted: dict[str, str], data) -> None:
    """Fills the blank item with the posted values and appends it to the file's data."""
    for target in targets:
        forms.set_value(skeleton, target, posted[target.name])
    if kind.name != "stop_loss_step":
        yaml_lists.append(data[kind.section], skeleton[kind.section][0])
        return
    for lang, by_audience in skeleton["stop_loss"].items():
        for audience, text in by_audience.items():
            steps = data["stop_loss"][lang][audience]
            yaml_lists.append(steps, forms.styled(steps[0], text) if steps else text)


def removable(page: forms.Page) -> dict[str, tuple]:
    """What the page's remove buttons may remove: button value -> (the list's path, the item's index)."""
    found = {}
    for section in page.sections:
        for group in section.groups:
            if group.remove:
                key, _, index = group.remove.rpartition(".")
                found[group.remove] = ((key,), int(index))
            for target in group.fields:
                if section.heading == "console_part_stop_loss" and target.kind == "lines":
                    for index in range(len(target.value.split("\n"))):
                        found[f"{target.name}.{index}"] = (target.path, index)
    return found


def remove(page: forms.Page, data, value: object) -> bool:
    """Removes the item a remove button stands for; False when the page has no such button."""
    target = removable(page).get(value) if isinstance(value, str) else None
    if target is None:
        return False
    path, index = target
    sequence = data
    for step in path:
        sequence = sequence[step]
    if index >= len(sequence):  # the same post shortened that stop-loss list in its text box: nothing to remove
        return False
    yaml_lists.remove(sequence, index)
    return True
