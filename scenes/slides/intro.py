"""The deck's opening: what an optimizer is, then each optimizer's strengths and weak spots beside a clip.

The words are ours; every claim is one a chapter shows (the chapter is named in the speaker notes),
and every clip uses the chapter's own landscape and hyper-parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["IntroSlide", "INTRO", "INTRO_CLIP_SECONDS"]

#: seconds of drawing in each opening clip (the clip then holds, rewinds and loops)
INTRO_CLIP_SECONDS = 4.0


@dataclass(frozen=True)
class IntroSlide:
    """A text slide, with a looping clip beside it when it has a ``spec``: ``points`` (paragraphs)
    or ``pros``/``cons``."""

    key: str
    title: str
    notes: str
    spec: dict | None
    points: tuple[str, ...] = ()
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    chapters: tuple[int, ...] = field(default=())


def _spec(title: str, landscape: dict, optimizers: list[dict], steps: int, **run) -> dict:
    """A 16:9, looping clip-generator spec (quality and format are set when the deck is built)."""
    return {"landscape": landscape, "optimizer": optimizers, "run": {"steps": steps, **run},
            "video": {"view": "map", "aspect": "16:9", "loop": True, "loss_chart": False, "caption": True,
                      "title": title, "duration": INTRO_CLIP_SECONDS}}


INTRO: tuple[IntroSlide, ...] = (
    IntroSlide(
        key="what",
        title="What an optimizer does",
        points=(
            "A model is only as good as its parameters. For any setting of them, the loss says how wrong "
            "the model is on the data.",
            "Picture two parameters as a position on a map and the loss as the height of the ground there: "
            "training starts somewhere on that landscape.",
            "An optimizer decides where to step next, using only the slope under its feet (the gradient), "
            "again and again, until the ground stops falling.",
            "They all read the same slope. They differ in how long each step is, which way it points, "
            "and what they remember from earlier steps.",
        ),
        notes="Chapters 1 and 2. The clip: plain gradient descent from the canyon's start with a well-chosen "
              "learning rate (0.35, as in chapter 3) reaching the floor and walking it down.",
        spec=_spec("Downhill, one step at a time", {"name": "ravine"},
                   [{"name": "gd", "lr": 0.35, "label": "gradient descent"}], 60),
        chapters=(1, 2),
    ),
    IntroSlide(
        key="gd",
        title="Gradient descent and SGD",
        pros=(
            "One rule with one setting: step against the slope, scaled by the learning rate",
            "A good learning rate settles in the minimum",
            "On mini-batches (SGD) a step costs a few samples, not the whole data set",
        ),
        cons=(
            "The learning rate is a trap both ways: too small crawls, too large is thrown off the map",
            "The steepest direction caps the learning rate, so gentle directions crawl",
            "Mini-batch steps are noisy: each batch has a landscape of its own",
        ),
        notes="Chapters 2 to 4. The clip repeats chapter 3: one canyon, one start, learning rates 0.02, 0.35 "
              "and 0.6; the first crawls, the second settles, the third overshoots further at every hop and "
              "leaves the map.",
        spec=_spec("Three learning rates", {"name": "ravine"},
                   [{"name": "gd", "lr": 0.02, "label": "too small"},
                    {"name": "gd", "lr": 0.35, "label": "good"},
                    {"name": "gd", "lr": 0.6, "label": "too large"}], 60),
        chapters=(2, 3, 4),
    ),
    IntroSlide(
        key="momentum",
        title="Momentum and Nesterov",
        pros=(
            "A running velocity: steps that agree add up along a valley floor",
            "The zig-zag across a narrow ravine dies down",
            "Nesterov measures the slope where the velocity is heading and brakes before the turn",
        ),
        cons=(
            "A second setting, the momentum μ, to tune together with the learning rate",
            "Too much momentum overshoots and swings around the minimum",
        ),
        notes="Chapter 5. The clip: the ravine again, with chapter 5's settings; gradient descent at 0.45 "
              "zig-zags across, momentum (learning rate 0.3, mu 0.6) damps the zig-zag and runs along the floor, "
              "Nesterov (0.3, mu 0.9) carries more velocity yet brakes before it turns. Chapter 5 also shows "
              "plain momentum at mu 0.9 overshooting.",
        spec=_spec("Velocity in a ravine", {"name": "ravine"},
                   [{"name": "gd", "lr": 0.45}, {"name": "momentum", "lr": 0.3, "momentum": 0.6},
                    {"name": "nesterov", "lr": 0.3, "momentum": 0.9}], 60),
        chapters=(5,),
    ),
    IntroSlide(
        key="adagrad",
        title="AdaGrad",
        pros=(
            "Its own step size for every parameter: small where the slope is steep, large where it is flat",
            "Scales itself from the gradients it has seen",
        ),
        cons=(
            "It sums squared gradients for ever, so its steps can only shrink",
            "It can stall before it reaches the minimum",
        ),
        notes="Chapter 6. The clip: AdaGrad at learning rate 0.2 on a landscape that is steep in one direction "
              "and flat in the other; its steps shrink step after step and it slows to a stall.",
        spec=_spec("Steps that only shrink", {"name": "steep_flat"}, [{"name": "adagrad", "lr": 0.2}], 150),
        chapters=(6,),
    ),
    IntroSlide(
        key="rmsprop",
        title="RMSprop and AdaDelta",
        pros=(
            "A decaying average of squared gradients instead of a sum: the step size stops collapsing",
            "Still one step size per parameter",
            "AdaDelta builds its step from past steps, so its step has the parameters' own units",
        ),
        cons=(
            "RMSprop has no momentum of its own",
            "AdaDelta starts slowly: before there are past steps, its small epsilon sets their size",
        ),
        notes="Chapter 7. The clip: AdaGrad (0.2), RMSprop (0.02, first step as large as AdaGrad's) and "
              "AdaDelta (rho 0.95, eps 1e-4) from the same start.",
        spec=_spec("A sum against an average", {"name": "steep_flat"},
                   [{"name": "adagrad", "lr": 0.2}, {"name": "rmsprop", "lr": 0.02},
                    {"name": "adadelta", "rho": 0.95, "eps": 1e-4}], 300),
        chapters=(7,),
    ),
    IntroSlide(
        key="adam",
        title="Adam, AdaMax, NAdam",
        pros=(
            "Momentum and RMSprop in one: an average of the gradients over an average of their squares",
            "Bias correction keeps the first steps from being too small",
            "A solid default on many problems; AdaMax divides by the largest recent gradient, "
            "NAdam adds Nesterov's look-ahead",
        ),
        cons=(
            "More settings (β₁, β₂, ε) and two running averages to store per parameter",
            "Not the winner everywhere, and it can generalize worse than a well-tuned SGD",
        ),
        notes="Chapters 9 and 12. The clip: Adam, AdaMax and NAdam on the canyon with one learning rate (0.3). "
              "Chapter 12's race shows that no optimizer wins on every landscape.",
        spec=_spec("Adam and its relatives", {"name": "ravine"},
                   [{"name": "adam", "lr": 0.3}, {"name": "adamax", "lr": 0.3}, {"name": "nadam", "lr": 0.3}], 80),
        chapters=(9, 12),
    ),
    IntroSlide(
        key="adamw",
        title="AdamW",
        pros=(
            "Weight decay is applied on its own, outside the adaptive step",
            "So every weight is pulled toward zero at the rate you set, whatever its gradient history",
        ),
        cons=(
            "Decay always pulls toward zero, even against the data: its strength is one more setting",
            "L2 inside plain Adam is not the same thing: the adaptive step rescales it",
        ),
        notes="Chapter 10. The clip: a line fit's loss; Adam with L2 regularization and AdamW with the same "
              "learning rate (0.05) and weight decay (0.5) from the same start take different paths.",
        spec=_spec("L2 inside Adam, or decay outside", {"name": "regression"},
                   [{"name": "adam", "lr": 0.05, "weight_decay": 0.5, "label": "Adam + L2"},
                    {"name": "adamw", "lr": 0.05, "weight_decay": 0.5}], 120, start=[4.5, -3.0]),
        chapters=(10,),
    ),
    IntroSlide(
        key="which",
        title="Which one?",
        points=(
            "None wins everywhere: in the race of chapter 12, each optimizer with its own tuned learning rate, "
            "the order changes from one landscape to the next.",
            "Adam is a solid default, not a guarantee.",
            "Schedules change any optimizer's step size over time, and clipping caps how long a step can be "
            "(chapter 11).",
        ),
        notes="Chapters 11 and 12. The chapters that follow show each of these ideas in motion.",
        spec=None,
        chapters=(11, 12),
    ),
)
