"""PNG and JPEG pictures checked before use: measured from their headers before anything is
decoded, so a decompression bomb is refused without allocating it, and then decoded whole,
so a truncated file is refused here rather than in a writer.
"""

from __future__ import annotations

import functools
import io

MAX_LOGO_PIXELS = 25_000_000
"""A logo larger than this (width x height) is refused: it is no logo, or a bomb. SVG logos
are refused when drawing them would need more."""


class ImageProblem(Exception):
    """A picture that cannot be used; the message completes a sentence that names it
    ("is damaged or truncated (...)")."""


@functools.lru_cache(maxsize=8)
def raster_problem(data: bytes, kinds: tuple[str, ...] = ("PNG", "JPEG")) -> str | None:
    """What is wrong with a PNG or JPEG image's bytes (its header first, then the whole
    image decoded within MAX_LOGO_PIXELS), or None if it can be used. Remembered by
    content: every output loads the logo again."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # reads the header only
                width, height = img.size
                if img.format not in kinds:
                    return f"is a {img.format} image, not {' or '.join(kinds)}"
                if width * height > MAX_LOGO_PIXELS:
                    return (f"is {width} x {height} pixels ({width * height / 1e6:.0f} "
                            "megapixels; refused before decoding)")
                img.load()  # a truncated or corrupt file fails here, not in a writer
    except Image.DecompressionBombError:
        return "is far too large (refused before decoding)"
    except UnidentifiedImageError:
        return "is not a readable image (neither PNG nor JPEG)"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return f"is damaged or truncated ({exc})"
    return None


def pixel_count(data: bytes) -> int:
    """Width x height of a PNG or JPEG already found usable by raster_problem."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        return int(img.size[0] * img.size[1])
