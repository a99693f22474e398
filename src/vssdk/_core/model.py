"""Model base class and the JSON codec (msgspec decoding straight into attrs classes).

Every model is a frozen, slotted attrs class deriving from :class:`Model`. Fields the model does
not know are kept on ``unknown_fields(model)`` and reported once per place with
:class:`~vssdk.errors.UnknownFieldsWarning`; a known field of the wrong type raises
:class:`~vssdk.errors.ResponseValidationError` carrying the raw body. Optional fields are omitted
from the JSON when ``None``.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import decimal
import enum
import functools
import types
import typing
import warnings
from collections.abc import Mapping
from typing import Any, TypeVar, Union

import attrs
import msgspec

from vssdk.errors import ResponseValidationError, UnknownFieldsWarning

T = TypeVar("T")

__all__ = ["Model", "decode_json", "decode_value", "encode_json", "to_builtins", "unknown_fields"]


class Model:
    """Base of every request and response model (each one a frozen, slotted attrs class).

    Fields the server sent that the model does not declare are kept in the ``_unknown`` slot,
    which is not an attrs field: set only when there are some, so decoding (msgspec fills the
    attrs fields) pays nothing for it, and never compared, shown or encoded.
    """

    __slots__ = ("_unknown",)
    _unknown: Mapping[str, Any]


_NOTHING_UNKNOWN: Mapping[str, Any] = types.MappingProxyType({})


def unknown_fields(model: Model) -> Mapping[str, Any]:
    """Fields the server sent that this model does not declare, by name, exactly as sent."""
    return getattr(model, "_unknown", _NOTHING_UNKNOWN)


# --- encoding ---------------------------------------------------------------------------------


def _drop_none(value: Any) -> Any:
    # msgspec.to_builtins gives only dict, list and scalars: exact type checks, and no call for
    # a leaf (most values are leaves).
    kind = type(value)
    if kind is dict:
        return {
            k: (_drop_none(v) if type(v) in _CONTAINERS else v)
            for k, v in value.items()
            if v is not None
        }
    if kind is list or kind is tuple:
        return [(_drop_none(v) if type(v) in _CONTAINERS else v) for v in value]
    return value


_CONTAINERS = frozenset({dict, list, tuple})


def to_builtins(value: Any) -> Any:
    """Models → JSON-ready builtins: dates ISO 8601, Decimal as string, enums by value, no Nones."""
    return _drop_none(msgspec.to_builtins(value))


def encode_json(value: Any) -> bytes:
    """Encode a model (or builtins) as compact UTF-8 JSON, omitting ``None`` fields."""
    return msgspec.json.encode(to_builtins(value))


# --- decoding ---------------------------------------------------------------------------------

# A shape says where nested models are, so unknown keys can be found without a second decode:
# ("model", cls, known_names, {field: shape}) | ("list", shape) | ("dict", shape) | None.
_Shape = tuple[Any, ...] | None


def _is_datetime(tp: Any) -> bool:
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (Union, types.UnionType):
        return any(_is_datetime(a) for a in typing.get_args(tp))
    return tp is dt.datetime


@functools.cache
def _shape(tp: Any) -> _Shape:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _shape(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        shapes = [s for s in (_shape(a) for a in typing.get_args(tp)) if s is not None]
        return shapes[0] if len(shapes) == 1 else None
    if origin in (list, tuple, set, frozenset, collections.abc.Sequence):
        items = [a for a in typing.get_args(tp) if a is not Ellipsis]
        inner = _shape(items[0]) if len(items) == 1 else None
        return None if inner is None else ("list", inner)
    if origin in (dict, collections.abc.Mapping):
        pair = typing.get_args(tp)
        inner = _shape(pair[1]) if len(pair) == 2 else None
        return None if inner is None else ("dict", inner)
    if isinstance(tp, type) and attrs.has(tp) and issubclass(tp, Model):
        hints = typing.get_type_hints(tp, include_extras=True)
        names = frozenset(f.name for f in attrs.fields(tp) if f.name != "_unknown")
        children = {name: s for name in names if (s := _shape(hints[name])) is not None}
        stamps = tuple(name for name in names if _is_datetime(hints[name]))
        return ("model", tp, names, children, stamps)
    return None


# A place in the document, built without string formatting on the hot path and rendered only
# when something is reported: None is the root "$"; (parent, "name") a field; (parent, 3) an item.
_Where = tuple[Any, str | int] | None


def _render(where: _Where) -> str:
    parts: list[str] = []
    while where is not None:
        where, segment = where
        parts.append(f"[{segment}]" if isinstance(segment, int) else f".{segment}")
    return "$" + "".join(reversed(parts))


def _collect_unknown(raw: Any, obj: Any, shape: _Shape, where: _Where, found: list[str]) -> None:
    if shape is None or raw is None or obj is None:
        return
    kind = shape[0]
    if kind == "model":
        if not isinstance(raw, dict):
            return
        _, _cls, names, children, stamps = shape
        for name in stamps:
            value = getattr(obj, name)
            if value is not None and value.tzinfo is None:
                raise _NaiveDatetime(_render((where, name)))
        if not raw.keys() <= names:
            extra = raw.keys() - names
            extra.discard("_unknown")
            if extra:
                object.__setattr__(obj, "_unknown", {k: raw[k] for k in sorted(extra)})
                path = _render(where)
                found.extend(f"{path}.{k}" for k in sorted(extra))
        for name, child in children.items():
            if name in raw:
                _collect_unknown(raw[name], getattr(obj, name), child, (where, name), found)
    elif kind == "list":
        inner = shape[1]
        if inner[0] == "model" and not inner[3] and not inner[4]:
            # Flat models (the common list item): only their keys need a look.
            names = inner[2]
            for i, (r, o) in enumerate(zip(raw, obj, strict=False)):
                if isinstance(r, dict) and not r.keys() <= names:
                    _collect_unknown(r, o, inner, (where, i), found)
            return
        for i, (r, o) in enumerate(zip(raw, obj, strict=False)):
            _collect_unknown(r, o, inner, (where, i), found)
    elif kind == "dict" and isinstance(raw, dict):
        for key, r in raw.items():
            _collect_unknown(r, obj.get(key), shape[1], (where, key), found)


class _NaiveDatetime(Exception):
    """A timestamp without a UTC offset (Vietnam time must say +07:00)."""


def _dec_hook(tp: type[Any], obj: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(obj)
    raise NotImplementedError(f"cannot decode {tp!r}")


def decode_value(raw: Any, tp: type[T], *, body: bytes = b"", context: str = "") -> T:
    """Convert already-parsed JSON into ``tp``; unknown keys kept, wrong types raise."""
    try:
        obj: T = msgspec.convert(raw, tp, strict=True, dec_hook=_dec_hook)
    except msgspec.ValidationError as exc:
        message = str(exc)
        path = message.rsplit(" - at ", 1)[1].strip("`") if " - at " in message else None
        raise ResponseValidationError(
            f"{context or 'reply'} does not match the spec: {message}", body=body, path=path
        ) from exc
    found: list[str] = []
    try:
        _collect_unknown(raw, obj, _shape(typing.cast(Any, tp)), None, found)
    except _NaiveDatetime as exc:
        raise ResponseValidationError(
            f"{context or 'reply'} does not match the spec: a timestamp needs a UTC offset "
            f"(+07:00) - at {exc}",
            body=body,
            path=str(exc),
        ) from None
    if found:
        where = f" in {context}" if context else ""
        warnings.warn(
            f"unknown fields{where}: {', '.join(found[:10])} (kept on unknown_fields())",
            UnknownFieldsWarning,
            stacklevel=4,
        )
    return obj


def parse_json(body: bytes, *, context: str = "") -> Any:
    """Parse JSON bytes; malformed or truncated JSON raises ResponseValidationError (body kept)."""
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise ResponseValidationError(
            f"{context or 'reply'} is not valid JSON: {exc}", body=body
        ) from exc


def decode_json(body: bytes, tp: type[T], *, context: str = "") -> T:
    """Decode JSON bytes into ``tp`` (see :func:`decode_value`)."""
    fast: Any = _FAST.get(tp)
    if fast is None:
        fast = _FAST[tp] = _fast_decoders(typing.cast(Any, tp)) or False
    if fast:
        try:
            obj: T = _convert(fast.decode(body), tp, from_attributes=True)
        except msgspec.DecodeError:  # ValidationError included
            pass  # anything unusual: the general path below decides and reports
        else:
            return obj
    return decode_value(parse_json(body, context=context), tp, body=body, context=context)


_convert = msgspec.convert
_FAST: dict[Any, Any] = {}  # type -> its mirror decoder, or False for the general path


# --- the fast path -----------------------------------------------------------------------------
# Most replies are well-formed, with no unknown fields and offset-aware timestamps. For them the
# bytes are decoded into a "mirror" of the model shape — msgspec Structs with the same fields,
# types and defaults that forbid unknown fields and require timestamps to carry an offset — and
# the Structs are converted into the attrs models (``from_attributes``). Both steps run in
# msgspec's C code: ≈ 1.7–1.9× a plain Struct decode, where decoding into the attrs classes and
# then proving there was nothing to report with a second decode cost ≈ 2.3–2.8×. Any failure of
# either step falls back to the general path, which then raises or warns as before. Types whose
# JSON-direct and builtins-converted values could differ (a Decimal from a JSON number, anything
# unrecognised) take the general path: a Decimal field is mirrored as a JSON string.

_TzDatetime = typing.Annotated[dt.datetime, msgspec.Meta(tz=True)]
_SAFE_LEAVES = (str, int, bool, float, type(None), dt.date, dt.datetime, typing.Any)


def _is_decimal(tp: Any) -> bool:
    """``Decimal`` or ``Decimal | None`` (the spec sends these amounts as JSON strings)."""
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return len(args) == 1 and args[0] is decimal.Decimal
    return tp is decimal.Decimal


def _fast_safe(tp: Any, seen: frozenset[Any] = frozenset()) -> bool:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _fast_safe(typing.get_args(tp)[0], seen)
    if origin is typing.Literal:
        return all(isinstance(a, str | int | bool) for a in typing.get_args(tp))
    if origin in (Union, types.UnionType, list, tuple, set, frozenset, dict):
        return all(a is Ellipsis or _fast_safe(a, seen) for a in typing.get_args(tp))
    if origin in (collections.abc.Sequence, collections.abc.Mapping):
        return all(_fast_safe(a, seen) for a in typing.get_args(tp))
    if tp in _SAFE_LEAVES:
        return True
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return True
    if isinstance(tp, type) and attrs.has(tp) and issubclass(tp, Model):
        if tp in seen:
            return False  # recursive models: keep to the general path
        hints = typing.get_type_hints(tp, include_extras=True)
        names = [f.name for f in attrs.fields(tp) if f.name != "_unknown"]
        # A Decimal field is safe: the mirror accepts it only as a JSON string, and from a
        # string the direct and the converted decode give the same Decimal.
        return all(_is_decimal(hints[n]) or _fast_safe(hints[n], seen | {tp}) for n in names)
    return False


def _mirror(tp: Any) -> Any:
    """The msgspec type of the same shape as ``tp``: each model becomes a Struct that forbids
    unknown fields, timestamps must carry an offset, a Decimal must be a JSON string."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _mirror(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return Union[tuple(_mirror(a) for a in typing.get_args(tp))]  # noqa: UP007
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple[_mirror(args[0]), ...]  # type: ignore[misc]
        return tuple[tuple(_mirror(a) for a in args)]  # type: ignore[misc]
    if origin in (list, set, frozenset, collections.abc.Sequence):
        inner: Any = _mirror(typing.get_args(tp)[0])
        return list[inner] if origin is collections.abc.Sequence else origin[inner]
    if origin in (dict, collections.abc.Mapping):
        key, value = typing.get_args(tp)
        return dict[_mirror(key), _mirror(value)]  # type: ignore[misc]
    if tp is dt.datetime:
        return _TzDatetime
    if tp is decimal.Decimal:
        return str
    if isinstance(tp, type) and attrs.has(tp) and issubclass(tp, Model):
        return _mirror_struct(typing.cast(Any, tp))
    return tp


@functools.cache
def _mirror_struct(cls: Any) -> Any:
    hints = typing.get_type_hints(cls, include_extras=True)
    required: list[tuple[str, Any]] = []
    optional: list[tuple[str, Any, Any]] = []
    for f in attrs.fields(cls):
        kind = _mirror(hints[f.name])
        if f.default is attrs.NOTHING:
            required.append((f.name, kind))
        elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            factory = f.default.factory
            optional.append((f.name, kind, msgspec.field(default_factory=factory)))
        else:
            optional.append((f.name, kind, f.default))
    return msgspec.defstruct(
        f"_Mirror{cls.__name__}", [*required, *optional], forbid_unknown_fields=True
    )


@functools.cache
def _fast_decoders(tp: Any) -> msgspec.json.Decoder[Any] | None:
    try:
        if not _fast_safe(tp):
            return None
        return msgspec.json.Decoder(_mirror(tp), strict=True, dec_hook=_dec_hook)
    except (TypeError, NameError, ValueError):
        return None
