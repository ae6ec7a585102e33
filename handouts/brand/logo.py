"""Reading `logo` in `_brand.yml`: a path, an image with `path` and `alt`, or
`small`/`medium`/`large`, each a path, a name from `logo.images` or a light/dark pair. The
largest size given is used, light preferred, and checked as an image file in the project
small enough to be a logo. The chosen image's `alt` (brand.yml's `{path, alt}` form, given
directly, in `logo.images` or as a light or dark variant) is its alternative text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.brand.reader import BrandWalk, Written
from handouts.schema.nodes import Map, Node, Scalar, Seq, described, is_null

LOGO_SIZES = ("small", "medium", "large")
IMAGE_KEYS = ("path", "alt", "attrs")


@dataclass(frozen=True)
class WrittenImage:
    """A logo image as written: its path and its alternative text ('' when not given)."""

    path: Written
    alt: str = ""


class LogoReader:
    """The logo section of a walk over the brand's tree."""

    def __init__(self, walk: BrandWalk) -> None:
        self.walk = walk

    def logo(self, node: Node | None) -> tuple[Path, str] | None:
        """The largest logo given, light variant preferred, checked as a file in the
        project (an absolute path), and its alternative text ('' when not given)."""
        if node is None or is_null(node):
            return None
        chosen: WrittenImage | None = None
        if isinstance(node, Scalar):
            chosen = WrittenImage(Written(node.text.strip(), node.at))
        elif isinstance(node, Map) and "path" in node.items:  # a single image
            chosen = self.image(node, "logo")
        elif isinstance(node, Map):
            self.walk.only(node, "logo", ("images", *LOGO_SIZES))
            images = self.images(node.items.get("images"))
            for size in LOGO_SIZES:  # smallest first: the last one found is the largest
                found = self.logo_size(node.items.get(size), f"logo.{size}", images)
                chosen = found or chosen
        else:
            self.walk.problem(node.at, f"logo must be a path or a mapping, not "
                              f"{described(node)}", "write logo: and the file's path, or "
                              "small:, medium:, large: under it")
        if chosen is None:
            return None
        from handouts.brand import assets

        written = chosen.path
        path = self.walk.inside(written, "the logo")
        if path is None:
            return None
        try:
            problem = assets.check_image(path)
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror})"
        if problem:
            self.walk.problem(written.at, f"the logo '{written.text}' {problem}",
                              "use a PNG, JPEG or SVG logo under "
                              f"{assets.MAX_LOGO_PIXELS // 1_000_000} megapixels")
            return None
        return path, chosen.alt

    def image(self, node: Map, where: str) -> WrittenImage | None:
        """An image given as a mapping with `path` (and `alt`)."""
        self.walk.only(node, where, IMAGE_KEYS)
        path = node.items.get("path")
        text = self.walk.text(path, f"{where}.path", "write the image file's path")
        alt = self.walk.text(node.items.get("alt"), f"{where}.alt",
                             "write what the logo shows, such as the clinic's name")
        if text and path is not None:
            return WrittenImage(Written(text, path.at), alt or "")
        if not isinstance(path, (Map, Seq)):  # those were reported as not text
            self.walk.problem(node.at, f"{where} has no path",
                              "add path: and the image file's path")
        return None

    def images(self, node: Node | None) -> dict[str, WrittenImage | None]:
        """`logo.images`: names for image files."""
        given = self.walk.mapping(node, "logo.images", "give each image a name, such as "
                                  "main: images/logo.png")
        images: dict[str, WrittenImage | None] = {}
        for name, value in (given.items if given else {}).items():
            if isinstance(value, Scalar) and not is_null(value):
                images[name] = WrittenImage(Written(value.text.strip(), value.at))
            elif isinstance(value, Map):
                images[name] = self.image(value, f"logo.images.{name}")
            else:
                images[name] = None
                self.walk.problem(value.at, f"logo.images.{name} must be a path or a mapping with "
                                  f"path:, not {described(value)}",
                                  "write the image file's path")
        return images

    def logo_size(self, node: Node | None, where: str,
                  images: dict[str, WrittenImage | None]) -> WrittenImage | None:
        """One logo size: a path, an image name, an image, or light and dark variants."""
        if node is None or is_null(node):
            return None
        if isinstance(node, Map) and "path" not in node.items and (
                "light" in node.items or "dark" in node.items):
            self.walk.only(node, where, ("light", "dark"))
            light = self.variant(node.items.get("light"), f"{where}.light", images)
            dark = self.variant(node.items.get("dark"), f"{where}.dark", images)
            return light or dark
        if isinstance(node, Seq) or (isinstance(node, Map) and "path" not in node.items):
            self.walk.problem(node.at, f"{where} must be a path, a name from logo.images, or "
                              f"light: and dark:, not {described(node)}",
                              "write the logo file's path after it")
            return None
        return self.variant(node, where, images)

    def variant(self, node: Node | None, where: str,
                images: dict[str, WrittenImage | None]) -> WrittenImage | None:
        """A path, a name from `logo.images`, or an image mapping."""
        if node is None or is_null(node):
            return None
        if isinstance(node, Scalar):
            text = node.text.strip()
            return images[text] if text in images else WrittenImage(Written(text, node.at))
        if isinstance(node, Map) and "path" in node.items:
            return self.image(node, where)
        self.walk.problem(node.at, f"{where} must be a path or a name from logo.images, not "
                          f"{described(node)}", "write the logo file's path after it")
        return None
