"""What the FHIR tests share: strict validation of a bundle against the R4 (4.0.1) models, and the
resources of one kind in a bundle.

Validation goes through fhir.resources 6.4.0, the last release whose models are FHIR 4.0.1 (later
releases carry R4B and R5 only). It checks cardinality, data types, choice elements and unknown
elements; what its models record but do not enforce (the codes of required bindings, and the full
lexical form of primitives such as dateTime) is checked here against those same models.
"""

from __future__ import annotations

import copy
from datetime import timedelta
from datetime import timezone
from typing import Any

import fhir.resources
from fhir.resources import construct_fhir_element
from fhir.resources.bundle import Bundle
from fhir.resources.core.fhirabstractmodel import FHIRAbstractModel

NEW_YORK = timezone(timedelta(hours=-5))
UCUM = "http://unitsofmeasure.org"


def validate_r4(bundle: dict[str, Any]) -> None:
    """Raise if `bundle` is not a valid FHIR 4.0.1 Bundle (the whole, and each resource alone)."""
    assert fhir.resources.__fhir_version__ == "4.0.1"
    model = Bundle.parse_obj(copy.deepcopy(bundle))
    _check_codes_and_forms(model, bundle, "Bundle")
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        construct_fhir_element(resource["resourceType"], copy.deepcopy(resource))


# The JSON type each FHIR primitive must have (R4 JSON format): numbers are never strings.
_JSON_KINDS: dict[str, tuple[type, ...]] = {
    "boolean": (bool,), "decimal": (int, float), "integer": (int,), "unsignedInt": (int,),
    "positiveInt": (int,),
}


def _check_codes_and_forms(model: FHIRAbstractModel, raw: dict[str, Any], where: str) -> None:
    for field in type(model).__fields__.values():
        if field.alias not in raw:
            continue
        path = f"{where}.{field.alias}"
        raw_items = raw[field.alias] if isinstance(raw[field.alias], list) else [raw[field.alias]]
        value = getattr(model, field.name)
        items = value if isinstance(value, list) else [value]
        allowed = field.field_info.extra.get("enum_values")
        primitive = getattr(field.type_, "__visit_name__", None)
        pattern = getattr(field.type_, "regex", None)
        for raw_item, item in zip(raw_items, items, strict=True):
            if allowed and raw_item not in allowed:
                raise AssertionError(f"{path}: {raw_item!r} is not one of {allowed}")
            if primitive is not None:
                kinds = _JSON_KINDS.get(primitive, (str,))
                if not isinstance(raw_item, kinds) or (
                        isinstance(raw_item, bool) and bool not in kinds):
                    raise AssertionError(f"{path}: {raw_item!r} is not a JSON {primitive}")
            if isinstance(raw_item, str) and pattern and not pattern.fullmatch(raw_item):
                raise AssertionError(f"{path}: {raw_item!r} is not a valid {primitive}")
            if isinstance(item, FHIRAbstractModel):
                _check_codes_and_forms(item, raw_item, path)


def entries(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]
