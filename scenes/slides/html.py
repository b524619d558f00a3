"""The deck as one reveal.js page: ``index.html`` next to ``reveal/`` and ``clips/``, opened from file://."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from .model import Clip, Slide
from .vendor import REVEAL_VERSION

__all__ = ["write_html", "render_html", "GENERATOR"]

GENERATOR = f"optimizers-explained slides (reveal.js {REVEAL_VERSION})"

_CSS = """
:root { --r-background-color: #0E1117; --r-main-color: #ECEFF4; --r-heading-color: #ECEFF4;
        --r-main-font: "DejaVu Sans", "Source Sans Pro", Helvetica, sans-serif;
        --r-heading-font: "DejaVu Sans", "Source Sans Pro", Helvetica, sans-serif;
        --r-heading-text-transform: none; --r-main-font-size: 30px; --r-link-color: #56B4E9; }
.reveal .slides section { height: 100%; box-sizing: border-box; }
.reveal .slides section.full { padding: 0; }
.reveal .slides section.full video { display: block; width: 100%; height: 100%; object-fit: contain; margin: 0;
                                     max-width: none; max-height: none; }
.reveal .kicker { color: #9AA3B2; font-size: 0.7em; margin-bottom: 0.2em; letter-spacing: 0.04em; }
.reveal .lead { color: #9AA3B2; font-size: 0.8em; max-width: 30em; margin: 0.6em auto 0; line-height: 1.35; }
.reveal section.title-slide { display: flex !important; flex-direction: column; justify-content: center; }
.reveal section.title-slide h1 { font-size: 2.2em; }
.reveal section.title-slide h2 { font-size: 1.9em; }
.reveal section.title-slide .rule { width: 5em; height: 3px; background: #FFFFFF; margin: 0.4em auto; }
.reveal .keys { color: #9AA3B2; font-size: 0.55em; margin-top: 1.6em; }
.reveal section.body { display: flex !important; flex-direction: column; padding: 0.4em 0.6em; text-align: left; }
.reveal section.body h2 { font-size: 1.45em; margin: 0 0 0.5em; }
.reveal section.body .cols { display: flex; gap: 0.8em; align-items: center; flex: 1; min-height: 0; }
.reveal section.body .words { flex: 0 0 41%; font-size: 0.66em; line-height: 1.3; }
.reveal section.body .cols.wide { align-items: flex-start; padding-top: 0.6em; }
.reveal section.body .words.wide { flex: 1; font-size: 0.8em; max-width: 34em; }
.reveal section.body .words p { margin: 0 0 0.7em; }
.reveal section.body .words h3 { font-size: 1.05em; margin: 0.2em 0 0.3em; }
.reveal section.body .words h3.pros { color: #009E73; }
.reveal section.body .words h3.cons { color: #E69F00; }
.reveal section.body .words ul { margin: 0 0 0.6em 1.1em; }
.reveal section.body .words li { margin-bottom: 0.3em; }
.reveal section.body .media { flex: 1; min-width: 0; }
.reveal section.body .media video { width: 100%; height: auto; display: block; margin: 0; max-height: 560px;
                                    object-fit: contain; }
#sound { position: fixed; right: 14px; bottom: 54px; z-index: 40; font: 15px "DejaVu Sans", sans-serif;
         color: #ECEFF4; background: #1A1F29; border: 1px solid #9AA3B2; border-radius: 6px; padding: 5px 10px;
         cursor: pointer; opacity: 0.85; }
"""

_SCRIPT = """
(function () {
  var soundOn = false, captionsOn = true, button = document.getElementById('sound');
  function setSound(on) {
    soundOn = on;
    document.querySelectorAll('audio.narration').forEach(function (a) { a.muted = !on; });
    if (button) {
      button.textContent = on ? 'narration on (M)' : 'narration muted (M)';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }
  function setCaptions(on) {
    captionsOn = on;
    document.querySelectorAll('video.clip').forEach(function (v) {
      for (var i = 0; i < v.textTracks.length; i++) { v.textTracks[i].mode = on ? 'showing' : 'hidden'; }
    });
  }
  var keyboard = { 67: function () { setCaptions(!captionsOn); } };
  if (button) {
    keyboard[77] = function () { setSound(!soundOn); };
    button.addEventListener('click', function () { setSound(!soundOn); });
  }
  window.deck = { setSound: setSound, setCaptions: setCaptions,
                  state: function () { return { sound: soundOn, captions: captionsOn }; } };
  Reveal.initialize({
    hash: true, width: 1280, height: 720, margin: 0.02, center: false, transition: 'fade',
    controls: true, progress: true, slideNumber: 'c/t', viewDistance: 2, keyboard: keyboard,
    plugins: [RevealNotes]
  });
})();
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _video(clip: Clip) -> str:
    """A clip that plays when its slide opens: once (holding its last frame) or looping; muted, so
    browsers let it start on its own. ``data-src``: reveal.js loads it only near its slide."""
    attrs = ['class="clip"', "data-autoplay", "muted", "playsinline", 'preload="auto"',
             f'data-src="{_e(clip.video)}"', f'poster="{_e(clip.poster)}"',
             f'width="{clip.width}"', f'height="{clip.height}"', f'data-loop="{str(clip.loop).lower()}"']
    if clip.loop:
        attrs.append("loop")
    track = ""
    if clip.vtt:
        data = base64.b64encode(clip.vtt.encode("utf-8")).decode("ascii")
        # inline: browsers refuse a track file next to a page opened from file://
        track = f'<track kind="subtitles" srclang="en" label="English" default src="data:text/vtt;base64,{data}">'
    audio = ""
    if clip.audio:
        audio = f'<audio class="narration" data-autoplay muted preload="auto" data-src="{_e(clip.audio)}"></audio>'
    return f"<video {' '.join(attrs)}>{track}</video>{audio}"


def _notes(slide: Slide) -> str:
    return f'<aside class="notes">{_e(slide.notes)}</aside>'


def _words(slide: Slide, wide: bool) -> str:
    parts = [f"<p>{_e(p)}</p>" for p in slide.points]
    if slide.pros:
        parts.append('<h3 class="pros">Good at</h3><ul>' + "".join(f"<li>{_e(p)}</li>" for p in slide.pros) + "</ul>")
    if slide.cons:
        parts.append('<h3 class="cons">Watch out for</h3><ul>'
                     + "".join(f"<li>{_e(p)}</li>" for p in slide.cons) + "</ul>")
    return f'<div class="words{" wide" if wide else ""}">{"".join(parts)}</div>'


def _section(slide: Slide) -> str:
    label = f'data-kind="{slide.kind}" data-title="{_e(slide.title)}"'
    if slide.kind in ("beat", "clip"):
        return f'<section class="full" {label}>{_video(slide.clip)}{_notes(slide)}</section>'
    if slide.kind in ("deck", "chapter"):
        heading = f"<h1>{_e(slide.title)}</h1>" if slide.kind == "deck" else f"<h2>{_e(slide.title)}</h2>"
        lead = f'<p class="lead">{_e(slide.text)}</p>' if slide.text else ""
        keys = "".join(f'<p class="keys">{_e(p)}</p>' for p in (*slide.points, slide.keys) if p)
        return (f'<section class="title-slide" {label}><p class="kicker">{_e(slide.kicker)}</p>{heading}'
                f'<div class="rule"></div>{lead}{keys}{_notes(slide)}</section>')
    media = f'<div class="media">{_video(slide.clip)}</div>' if slide.clip else ""
    return (f'<section class="body" {label}><h2>{_e(slide.title)}</h2>'
            f'<div class="cols{"" if slide.clip else " wide"}">{_words(slide, wide=not slide.clip)}{media}</div>'
            f'{_notes(slide)}</section>')


def render_html(slides: list[Slide], title: str, audio: bool = False) -> str:
    """The whole page: reveal.js and the slides, nothing fetched from anywhere but the deck folder."""
    sections = "\n".join(_section(s) for s in slides)
    button = ('<button id="sound" type="button" aria-pressed="false" '
              'title="Narration: muted until you turn it on (key M)">narration muted (M)</button>') if audio else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="{_e(GENERATOR)}">
<title>{_e(title)}</title>
<link rel="stylesheet" href="reveal/reset.css">
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="reveal/theme/black.css">
<style>{_CSS}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
{button}
<script src="reveal/reveal.js"></script>
<script src="reveal/plugin/notes.js"></script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def write_html(slides: list[Slide], path: Path, title: str, audio: bool = False) -> None:
    Path(path).write_text(render_html(slides, title, audio), encoding="utf-8")
