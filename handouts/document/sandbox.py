"""The sandbox templates run in: Jinja's immutable sandbox that also sizes, before it runs,
every operation that could make a huge value in one call (padding, repeating, joining,
replacing, printf and format widths, big integers, the filters that build text or lists),
raising jinja2's SecurityError past SIZE_LIMIT characters or items or INT_BITS bits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, cast

import jinja2
from jinja2 import filters as jinja_filters
from jinja2.exceptions import SecurityError
from jinja2.sandbox import (
    MAX_RANGE,
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

SIZE_LIMIT = 20_000_000
"""Characters one template may write, and the most characters or items one operation in a
template may make (a layout document is far smaller)."""
INT_BITS = 100_000
"""The largest integer (in bits) a template may compute; arithmetic on larger ones runs
in C for minutes where no time limit can stop it."""

def _refuse_above(size: int, what: str) -> None:
    """Raise SecurityError if an operation would make `size` characters or items."""
    if size > SIZE_LIMIT:
        raise SecurityError(f"the template tried to make {what} of more than {SIZE_LIMIT:,} "
                            "characters or items")


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, bytearray, list, tuple)) else 0


def _refuse_big_int(bits: int) -> None:
    if bits > INT_BITS:
        raise SecurityError(f"the template tried to compute a number of more than {INT_BITS:,} "
                            "bits")


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.DOTALL)


def _printf_padding(fmt: str, args: Any) -> int:
    """The characters of padding and precision that `fmt % args` may add (widths and
    precisions written in `fmt`, and those taken from `args` by '*')."""
    values = list(args) if isinstance(args, tuple) else [args]
    total, taken = 0, 0
    for spec in _PRINTF.finditer(fmt):
        for number in spec.group(1, 2):
            if number == "*":
                given = values[taken] if taken < len(values) else 0
                taken += 1
                total += abs(given) if isinstance(given, int) else 0
            elif number:
                total += int(number)
        if spec.group(3) != "%":
            taken += 1
    return total


def _check_printf(fmt: Any, args: Any) -> None:
    if isinstance(fmt, (bytes, bytearray)):
        fmt = bytes(fmt).decode("latin-1")
    if isinstance(fmt, str) and "%" in fmt:
        _refuse_above(len(fmt) + _printf_padding(fmt, args), "a formatted text")


def _check_format_spec(spec: str) -> None:
    """Refuse a format spec ('>1000000000', '.900000000f') whose width or precision is
    huge; every number in it is counted, which is never less than what it pads."""
    _refuse_above(sum(int(n) for n in re.findall(r"\d+", spec)), "a formatted value")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "**":
        if isinstance(right, int) and abs(right) > 64:
            raise SecurityError("a power above 64 is not allowed in templates")
        if isinstance(left, int) and isinstance(right, int) and right > 0:
            _refuse_big_int(left.bit_length() * right)
    elif operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            _refuse_big_int(left.bit_length() + right.bit_length())
        for seq, times in ((left, right), (right, left)):
            if isinstance(times, int) and isinstance(seq, (str, bytes, bytearray, list, tuple)):
                _refuse_above(len(seq) * times, "a value")
    elif operator == "+":
        _refuse_above(_sized(left) + _sized(right), "a value")
    elif operator == "%":
        _check_printf(left, right)


def _arg(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str,
         default: Any) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _int_arg(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str,
             default: int) -> int:
    value = _arg(args, kwargs, index, name, default)
    return value if isinstance(value, int) else default


def _replaced_size(text: Any, old: Any, new: Any, count: int) -> int:
    """At most how long `text.replace(old, new, count)` is."""
    if not isinstance(text, (str, bytes, bytearray)) or not isinstance(old, type(text)) \
            or not isinstance(new, (str, bytes, bytearray)):
        return _sized(text)
    times = text.count(old)  # type: ignore[arg-type]
    if count >= 0:
        times = min(times, count)
    return len(text) + times * len(new)


def _joined_size(sep: Any, items: Sequence[Any]) -> int:
    """At most how long `sep.join(items)` is, counting the items that are texts."""
    parts = sum(len(x) for x in items if isinstance(x, (str, bytes, bytearray)))
    return parts + max(len(items) - 1, 0) * _sized(sep)


def _translated_size(text: Any, table: Any) -> int:
    if isinstance(table, Mapping):
        longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1)
        return len(text) * max(longest, 1)
    return len(text)


_TEXT_METHODS: dict[str, Callable[[Any, tuple[Any, ...], Mapping[str, Any]], int]] = {
    "center": lambda s, a, k: _int_arg(a, k, 0, "width", 0),
    "ljust": lambda s, a, k: _int_arg(a, k, 0, "width", 0),
    "rjust": lambda s, a, k: _int_arg(a, k, 0, "width", 0),
    "zfill": lambda s, a, k: _int_arg(a, k, 0, "width", 0),
    "expandtabs": lambda s, a, k: len(s) + s.count("\t" if isinstance(s, str) else b"\t")
    * max(_int_arg(a, k, 0, "tabsize", 8), 0),
    "replace": lambda s, a, k: _replaced_size(s, _arg(a, k, 0, "old", ""),
                                              _arg(a, k, 1, "new", ""),
                                              _int_arg(a, k, 2, "count", -1)),
    "translate": lambda s, a, k: _translated_size(s, _arg(a, k, 0, "table", None)),
}
"""For each str and bytes method that can make a long value: at most how long its result
is, given the text and the call's arguments."""


def _check_call(obj: Any, args: tuple[Any, ...],
                kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Refuse a method call that would make a huge value; returns the arguments to call
    with (an iterable given to join, read once here, as a list)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, (str, bytes, bytearray)):
        if name == "join" and args:
            items = list(args[0])
            _refuse_above(_joined_size(owner, items), "a joined text")
            return (items, *args[1:])
        if name in _TEXT_METHODS:
            _refuse_above(max(len(owner), _TEXT_METHODS[name](owner, args, kwargs)),
                          f"a text (with {name})")
    elif isinstance(owner, int) and name == "to_bytes":
        _refuse_above(_int_arg(args, kwargs, 0, "length", 1), "a value (with to_bytes)")
    return args


class _SizedFormatter(SandboxedFormatter):
    """The sandbox's str.format, refusing huge widths and precisions."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_format_spec(format_spec)
        return super().format_field(value, format_spec)


class _SizedEscapeFormatter(_SizedFormatter, SandboxedEscapeFormatter):
    """The sandbox's Markup.format, refusing huge widths and precisions."""


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing operators and method calls that would make a
    huge value (see _check_binop, _check_call, _SizedFormatter)."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        args = _check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text: str = value.__self__
        formatter: SandboxedFormatter = (
            _SizedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
            else _SizedFormatter(self))

        def sized(*args: Any, **kwargs: Any) -> str:
            if value.__name__ != "format_map":
                return type(text)(formatter.vformat(text, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return type(text)(formatter.vformat(text, (), args[0]))

        return sized


# The built-in filters and globals that can make a huge value, sized first

def _center(value: Any, width: int = 80) -> str:
    _refuse_above(width if isinstance(width, int) else 0, "a text (with center)")
    return jinja_filters.do_center(value, width)


def _indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = str(s)
    pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _refuse_above(len(text) + (text.count("\n") + 1) * pad, "a text (with indent)")
    return jinja_filters.do_indent(s, width, first, blank)


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_printf(str(value), kwargs or args)
    return jinja_filters.do_format(value, *args, **kwargs)


@jinja2.pass_environment
def _wordwrap(environment: jinja2.Environment, s: Any, width: int = 79,
              break_long_words: bool = True, wrapstring: str | None = None,
              break_on_hyphens: bool = True) -> str:
    sep = environment.newline_sequence if wrapstring is None else wrapstring
    text = str(s)
    _refuse_above(len(text) * (1 + len(str(sep))), "a text (with wordwrap)")
    return jinja_filters.do_wordwrap(environment, s, width, break_long_words, wrapstring,
                                     break_on_hyphens)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Any, d: str = "", attribute: str | int | None = None) -> str:
    items = list(value)
    _refuse_above(_joined_size(d, items), "a joined text")
    return cast(str, jinja_filters.do_join(eval_ctx, items, d, attribute))


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    _refuse_above(_replaced_size(str(s), str(old), str(new), -1 if count is None else count),
                  "a text (with replace)")
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    _refuse_above(linecount if isinstance(linecount, int) else 0, "a batch")
    return jinja_filters.do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Iterator[list[Any]]:
    if isinstance(slices, int) and slices > MAX_RANGE:
        raise SecurityError(f"a template may cut a list into at most {MAX_RANGE:,} slices")
    return jinja_filters.sync_do_slice(value, slices, fill_with)


@jinja2.pass_environment
def _sum(environment: jinja2.Environment, iterable: Any, attribute: str | int | None = None,
         start: Any = 0) -> Any:
    # sum() of lists or texts copies its growing result at every item, all in one C call
    if not isinstance(start, (int, float)):
        raise SecurityError("the sum filter adds numbers only")
    return jinja_filters.sync_do_sum(environment, iterable, attribute, start)


def _written_size(value: Any, limit: int = SIZE_LIMIT) -> int:
    """At least how many characters and items `value` has when written out, counting a
    list each time it appears (a list of itself twice, forty deep, is small in memory and
    a trillion items written); counting stops past `limit`."""
    sizes: dict[int, int] = {}

    def size(item: Any) -> int:
        if isinstance(item, (str, bytes, bytearray)):
            return len(item)
        if not isinstance(item, (list, tuple, set, frozenset, Mapping)):
            return 1
        if id(item) not in sizes:
            total = 1
            for child in ([*item.keys(), *item.values()] if isinstance(item, Mapping)
                          else item):
                total += size(child)
                if total > limit:
                    break
            sizes[id(item)] = total
        return sizes[id(item)]

    return size(value)


@jinja2.pass_eval_context
def _tojson(eval_ctx: Any, value: Any, indent: int | None = None) -> Markup:
    _refuse_above(_written_size(value) * (1 + (indent or 0)), "a JSON text")
    return jinja_filters.do_tojson(eval_ctx, value, indent)


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if isinstance(n, int) and isinstance(max, int):
        _refuse_above(n * max * 16, "placeholder text")
    return generate_lorem_ipsum(n, html, min, max)


SIZED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _center, "indent": _indent, "format": _format, "wordwrap": _wordwrap,
    "join": _join, "replace": _replace, "batch": _batch, "slice": _slice, "sum": _sum,
    "tojson": _tojson,
}
