"""`make-handouts icons`: the bundled icons listed, or their contact sheet written."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import Location, Problem, SettingsError


def icons(root: Path, sheet: str | None = None) -> list[str]:
    """The lines `make-handouts icons` prints for the project in `root`: each icon's name
    and what it shows; or, with `sheet` (a path relative to `root`, or absolute, inside
    it), the contact sheet written there in the project's brand colours and a line saying
    where. Raises SettingsError for a sheet outside the project or a bad brand file."""
    from handouts.icons.sheet import listing

    if sheet is None:
        return [f"{name}\t{shows}" for name, shows in listing()]
    from handouts.brand.brandyml import load_brand
    from handouts.build.settings import load as load_settings
    from handouts.icons.sheet import sheet_pdf

    target = Path(sheet)
    target = (target if target.is_absolute() else root / target).resolve()
    if not target.is_relative_to(root.resolve()) or target.suffix.lower() != ".pdf":
        raise SettingsError([Problem(Location(Path(sheet)), "the contact sheet must be a "
                                     ".pdf file inside the project",
                                     "give a path such as build/icons.pdf")])
    settings = load_settings(root)
    brand = load_brand(settings.brand_file, settings.root)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(sheet_pdf(brand.palette))
    return [f"wrote {target}"]
