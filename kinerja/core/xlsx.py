"""A streaming reader for the cell values of an XLSX workbook's first sheet.

openpyxl's read-only mode spends about 12 s on a 60,000-row employee sheet on our servers,
most of it building an object per cell; this reader hands the sheet to expat and keeps only
the values (about 4 s), which the 30-second import target needs. openpyxl still decides what
a number format means (`is_date_format`) and converts Excel serial dates (`from_excel`).

Refuses DTDs with entity declarations (the XML-bomb vector), like defusedxml does.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any, NamedTuple, NoReturn
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

RELATIONSHIP_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CHUNK = 1 << 16
_DIGITS = "0123456789"


class XlsxError(ValueError):
    """The workbook is damaged or not one this reader understands."""


def _refuse_entities(*_args: Any) -> NoReturn:
    raise XlsxError("entity declarations are not allowed")


def _parser() -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.EntityDeclHandler = _refuse_entities
    parser.UnparsedEntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_entities
    return parser


def _small_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """A small part (workbook, relationships, styles) as an element tree; None if absent."""
    try:
        content = archive.read(name)
    except KeyError:
        return None
    if b"<!ENTITY" in content:
        raise XlsxError("entity declarations are not allowed")
    try:
        return ElementTree.fromstring(content)  # noqa: S314 (no entities, checked above)
    except ElementTree.ParseError as error:
        raise XlsxError(str(error)) from error


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """`{id: (type suffix, path in the archive)}` of one part's relationships."""
    folder, name = posixpath.split(part)
    root = _small_part(archive, posixpath.join(folder, "_rels", f"{name}.rels"))
    found: dict[str, tuple[str, str]] = {}
    for element in root.iter(_PACKAGE_RELS) if root is not None else ():
        target = element.get("Target", "")
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found[element.get("Id", "")] = (element.get("Type", "").rpartition("/")[2], path)
    return found


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, dict[str, str], dt.datetime]:
    """The path of the first sheet, the paths of the other parts by type, and the epoch."""
    workbook = _small_part(archive, "xl/workbook.xml")
    if workbook is None:
        raise XlsxError("no workbook part")
    relationships = _relationships(archive, "xl/workbook.xml")
    sheet = next((element for element in workbook.iter() if _local(element.tag) == "sheet"), None)
    if sheet is None:
        raise XlsxError("the workbook has no sheet")
    rel_id = next(
        (
            sheet.get(f"{{{namespace}}}id")
            for namespace in RELATIONSHIP_NAMESPACES
            if sheet.get(f"{{{namespace}}}id")
        ),
        None,
    )
    if rel_id not in relationships:
        raise XlsxError("the first sheet has no part")
    properties = next((e for e in workbook.iter() if _local(e.tag) == "workbookPr"), None)
    uses_1904 = properties is not None and properties.get("date1904") in ("1", "true")
    parts = dict(relationships.values())
    return (
        relationships[rel_id][1],
        parts,
        CALENDAR_MAC_1904 if uses_1904 else CALENDAR_WINDOWS_1900,
    )


def _date_styles(archive: zipfile.ZipFile, path: str | None) -> set[int]:
    """The indexes of the cell formats that show a number as a date."""
    root = _small_part(archive, path) if path else None
    if root is None:
        return set()
    custom = {
        int(element.get("numFmtId", "0")): element.get("formatCode", "")
        for element in root.iter()
        if _local(element.tag) == "numFmt"
    }
    cell_formats = next((e for e in root if _local(e.tag) == "cellXfs"), None)
    dates: set[int] = set()
    for index, element in enumerate(cell_formats if cell_formats is not None else ()):
        number_format = int(element.get("numFmtId", "0"))
        if is_date_format(custom.get(number_format, BUILTIN_FORMATS.get(number_format))):
            dates.add(index)
    return dates


def _prefix(name: str) -> str:
    """`x:sst` → `x:`: the prefix a part gives its main namespace (usually none)."""
    return name[: name.find(":") + 1]


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    """The shared-string table: each item's text runs joined, phonetic guides left out."""
    if not path or path not in archive.namelist():
        return []
    strings: list[str] = []
    parts: list[str] = []
    tags: dict[str, str] = {}
    state = {"phonetic": 0}

    def start(name: str, _attributes: dict[str, str]) -> None:
        if not tags:
            prefix = _prefix(name)
            tags.update({f"{prefix}{tag}": tag for tag in ("si", "t", "rPh")})
        tag = tags.get(name)
        if tag == "si":
            parts.clear()
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t" and not state["phonetic"]:
            parser.CharacterDataHandler = parts.append

    def end(name: str) -> None:
        tag = tags.get(name)
        if tag == "si":
            strings.append("".join(parts))
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            parser.CharacterDataHandler = None

    parser = _parser()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    with archive.open(path) as stream:
        for _chunk in _feed(parser, stream):
            pass
    return strings


def _feed(parser: Any, stream: Any) -> Iterator[None]:
    """Parse a part chunk by chunk, pausing after each so callers can take what was read."""
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise XlsxError(str(error)) from error
    yield


def _cell_value(raw: str, kind: str, style: str | None, context: _SheetContext) -> Any:
    """A cell's text turned into the value it shows: text, number, bool, or datetime."""
    if kind == "s":
        return context.strings[int(raw)]
    if kind in ("inlineStr", "str", "e"):
        return raw
    if kind == "b":
        return raw in ("1", "true")
    try:
        if kind == "d":
            return dt.datetime.fromisoformat(raw)
        number: int | float = int(raw) if raw.isdigit() else float(raw)
    except ValueError:
        return raw
    if style is not None and int(style) in context.date_styles:
        return from_excel(number, context.epoch)
    return number


class _SheetContext(NamedTuple):
    strings: list[str]
    date_styles: set[int]
    epoch: dt.datetime


def first_sheet_rows(archive: zipfile.ZipFile) -> Iterator[tuple[int, list[Any]]]:
    """Each row of the first sheet: `(row number as shown, values by column)`.

    The callbacks are closures over local state: they run for every cell of the sheet.
    """
    sheet, parts, epoch = _first_sheet(archive)
    context = _SheetContext(
        _shared_strings(archive, parts.get("sharedStrings")),
        _date_styles(archive, parts.get("styles")),
        epoch,
    )
    rows: list[tuple[int, list[Any]]] = []
    values: list[Any] = []
    columns: dict[str, int] = {}
    tags: dict[str, str] = {}
    cell: list[Any] = [0, "n", None, None]  # column, type, style, text parts
    inline = [False]
    row_number = [0]

    def start(name: str, attributes: dict[str, str]) -> None:
        if not tags:
            prefix = _prefix(name)
            tags.update({f"{prefix}{tag}": tag for tag in ("row", "c", "v", "is", "t")})
        tag = tags.get(name)
        if tag == "c":
            reference = attributes.get("r")
            if reference:
                letters = reference.rstrip(_DIGITS)
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = column_index_from_string(letters) - 1
            else:
                column = len(values)
            cell[0], cell[1], cell[2], cell[3] = (
                column,
                attributes.get("t", "n"),
                attributes.get("s"),
                None,
            )
        elif tag == "v" or (tag == "t" and inline[0]):
            if cell[3] is None:
                cell[3] = []
            parser.CharacterDataHandler = cell[3].append
        elif tag == "is":
            inline[0] = True
        elif tag == "row":
            row_number[0] = int(attributes.get("r") or row_number[0] + 1)
            values.clear()

    def end(name: str) -> None:
        tag = tags.get(name)
        if tag == "c":
            text = cell[3]
            column = cell[0]
            if column >= len(values):
                values.extend([None] * (column + 1 - len(values)))
            values[column] = _cell_value("".join(text), cell[1], cell[2], context) if text else None
        elif tag in ("v", "t"):
            parser.CharacterDataHandler = None
        elif tag == "is":
            inline[0] = False
        elif tag == "row":
            rows.append((row_number[0], values.copy()))

    parser = _parser()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        stream = archive.open(sheet)
    except KeyError as error:
        raise XlsxError("the sheet part is missing") from error
    with stream:
        for _chunk in _feed(parser, stream):
            yield from rows
            rows.clear()
