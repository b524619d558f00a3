"""The slide timing XML python-pptx does not write: media that start when the slide opens, and loop.

python-pptx's ``add_movie`` leaves a video to be started by a click (``<p:cond delay="indefinite"/>``
and no entry in the main sequence). PowerPoint starts media "automatically" from the slide's main
sequence: a ``playFrom(0.0)`` command triggered by the sequence's ``onBegin``; the first medium
plays after the slide opens, the others with it. "Loop until stopped" is ``repeatCount="indefinite"``
on the medium's own time node.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls

__all__ = ["Medium", "timing_xml", "set_autoplay"]


@dataclass(frozen=True)
class Medium:
    """A video or audio shape on a slide, for the timing tree."""

    shape_id: int
    duration_ms: int
    loop: bool = False
    kind: str = "video"  # or "audio"


def _play(ctn: int, m: Medium, node_type: str) -> str:
    return (f'<p:par><p:cTn id="{ctn}" presetID="1" presetClass="mediacall" presetSubtype="0" fill="hold" '
            f'nodeType="{node_type}"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
            f'<p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr><p:cTn id="{ctn + 1}" dur="{m.duration_ms}" '
            f'fill="hold"/><p:tgtEl><p:spTgt spid="{m.shape_id}"/></p:tgtEl></p:cBhvr></p:cmd>'
            f'</p:childTnLst></p:cTn></p:par>')


def _media_node(ctn: int, m: Medium) -> str:
    repeat = ' repeatCount="indefinite"' if m.loop else ""
    end = ('<p:endCondLst><p:cond evt="onStopAudio" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>'
           '</p:endCondLst>') if m.kind == "audio" else ""
    return (f'<p:{m.kind}><p:cMediaNode vol="80000"><p:cTn id="{ctn}"{repeat} fill="hold" display="0">'
            f'<p:stCondLst><p:cond delay="indefinite"/></p:stCondLst>{end}</p:cTn>'
            f'<p:tgtEl><p:spTgt spid="{m.shape_id}"/></p:tgtEl></p:cMediaNode></p:{m.kind}>')


def timing_xml(media: list[Medium]) -> str:
    """``<p:timing>`` that plays every medium in ``media`` when the slide opens."""
    plays, ctn = [], 5
    for i, m in enumerate(media):
        plays.append(_play(ctn, m, "afterEffect" if i == 0 else "withEffect"))
        ctn += 2
    nodes = []
    for m in media:
        nodes.append(_media_node(ctn, m))
        ctn += 1
    return (f'<p:timing {nsdecls("p")}><p:tnLst><p:par>'
            '<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>'
            '<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>'
            '<p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
            '<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst><p:childTnLst>'
            '<p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
            + "".join(plays) +
            '</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>'
            '</p:childTnLst></p:cTn>'
            '<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>'
            '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst>'
            '</p:seq>' + "".join(nodes) +
            '</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>')


def set_autoplay(slide, media: list[Medium]) -> None:
    """Replace the slide's timing (python-pptx's click-to-play) by one that starts ``media`` on entry."""
    sld = slide._element
    sld._remove_timing()
    if media:
        sld._insert_timing(parse_xml(timing_xml(media)))
