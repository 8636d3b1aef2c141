"""The diagnosis over thousands of random nets, and what feedback may reveal.

The totals each mistake gives are worked out here again from the definitions
of the mistakes (not with the package's formulas): that is the reference.
"""
import random
import re

from nnparams_edu import Net
from nnparams_edu.exercises import MISTAKES, WORKED_NETS, check_answer
from nnparams_edu.mistakes import connection_name
from nnparams_edu.sheets import random_net

WHOLE_NET = ["forgot_biases", "swapped_bias", "input_bias", "output_bias",
             "missing_output_bias", "bias_per_layer", "counted_units", "added_sizes",
             "ignored_nobias"]


def reference(net):
    """(right count, {mistake: {total: [connections]}}) worked from the definitions."""
    sizes, bias = net.layers, net.bias
    links = list(zip(sizes, sizes[1:], bias))
    counts = [(n + 1) * m if b else n * m for n, m, b in links]
    right = sum(counts)
    out_biases = sizes[-1] if bias[-1] else 0
    whole = {
        "forgot_biases": sum(n * m for n, m, _ in links),
        "swapped_bias": sum(n * (m + 1) if b else n * m for n, m, b in links),
        "input_bias": right + sizes[0],
        "output_bias": right + out_biases,
        "missing_output_bias": right - out_biases,
        "bias_per_layer": sum(n * m + (1 if b else 0) for n, m, b in links),
        "counted_units": sum(sizes) + sum(1 for b in bias if b),
        "added_sizes": sum(sizes),
        "added_not_multiplied": sum(n + (1 if b else 0) + m for n, m, b in links),
        "ignored_nobias": sum((n + 1) * m for n, m, _ in links),  # as if every b were set
    }
    gives = {name: {total: []} for name, total in whole.items()}
    gives["left_out"], gives["counted_twice"] = {}, {}
    for k, count in enumerate(counts):
        if len(counts) > 1:
            gives["left_out"].setdefault(right - count, []).append(k)
        gives["counted_twice"].setdefault(right + count, []).append(k)
    for name in gives:
        gives[name].pop(right, None)  # a "mistake" that gives the right count is none
    return right, counts, gives


def nets(n=2000):
    """*n* random nets of 2 to 6 layers, and the same nets with random nobias flags."""
    for seed in range(n):
        net = random_net(seed=seed, layers=(2, 6), units=(1, 16))
        yield net
        rng = random.Random(seed)
        yield Net(net.layers, bias=tuple(rng.random() < 0.6 for _ in net.layers[1:]))


def test_the_reference_agrees_with_hand_counts():
    right, counts, gives = reference(Net((4, 16, 8, 4, 2)))
    assert (right, counts) == (262, [80, 136, 36, 10])
    assert gives["swapped_bias"] == gives["output_bias"] == {264: []}
    assert gives["added_not_multiplied"] == {21 + 25 + 13 + 7: []}   # (n + 1) + m, added
    assert gives["left_out"] == {182: [0], 126: [1], 226: [2], 252: [3]}


def test_every_mistake_is_named_and_only_mistakes_that_give_the_number():
    ambiguous = checked = 0
    for net in nets():
        right, _, gives = reference(net)
        numbers = {total for totals in gives.values() for total in totals}
        for total in numbers:
            expected = tuple(name for name in MISTAKES if total in gives[name])
            feedback = check_answer(net, str(total))
            checked += 1
            assert not feedback.correct
            assert feedback.mistakes == expected, (net, total, feedback)
            assert feedback.mistake == expected[0]
            for name in WHOLE_NET:
                assert (MISTAKES[name].did in feedback.message) is (name in expected)
            for k in range(net.connections):
                named = connection_name(net, k)
                assert (f"left out {named}" in feedback.message) is \
                    (k in gives["left_out"].get(total, ())), (net, total, feedback.message)
                assert (f"counted {named} twice" in feedback.message) is \
                    (k in gives["counted_twice"].get(total, ()))
            several = len(expected) > 1 or any(len(gives[name].get(total, ())) > 1
                                               for name in ("left_out", "counted_twice"))
            assert ("more than one mistake" in feedback.message) is several
        ambiguous += any(sum(total in gives[name] for name in gives) > 1 for total in numbers)
    assert checked > 40_000
    assert ambiguous > 100  # e.g. 4-16-8-4-2: 264 is n·(m+1) and the output biases twice


def numbers_in(text):
    """The numbers written in *text* ("1,234" is one number)."""
    return {int(s.replace(",", "")) for s in re.findall(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+", text)}


def typed_numbers(text):
    return numbers_in(text) | {int(s) for s in re.findall(r"\d+", text)}


def test_feedback_never_reveals_a_count_the_student_did_not_type():
    rng = random.Random(11)
    sample = [Net(layers) for layers in ((5, 8, 4, 3), (4, 16, 8, 4, 2), (784, 128, 10),
                                         (2, 3, 1), (1, 1), (5, 2, 4))]
    sample += [net for i, net in enumerate(nets(400)) if i % 2 or rng.random() < 0.5]
    tried = 0
    for net in sample:
        right, counts, gives = reference(net)
        parts = [str(c) for c in counts]
        answers = ["", "   ", "abc", "two hundred sixty-two", ",", " , ", ",,", "-5", "2.5",
                   "0.5", "1,2", "x" * 200, "+".join(parts), ", ".join(parts),
                   " ".join(parts), " + ".join(parts[:2]), ",".join(parts), str(right + 1),
                   str(max(right - 1, 0)), str(2 * right), "0", "7", "1,234", f"{right}.5",
                   f"-{right}", str(right * 1000 + 1)]
        answers += [str(total) for totals in gives.values() for total in totals]
        boxes = [[","] + [""] * (net.connections - 1), ["7"] * net.connections,
                 [str(c + 1) for c in counts], ["x"] * net.connections, ["1"]]
        asked = [(a, None) for a in answers] + [(str(right + 3), b) for b in boxes]
        for answer, per_connection in asked:
            feedback = check_answer(net, answer, per_connection)
            tried += 1
            if feedback.correct:
                continue
            typed = typed_numbers(answer)
            for box in per_connection or ():
                typed |= typed_numbers(box)
            # the question shows the layer sizes; "1" is the +1 of the rule
            secret = ({right} | set(counts)) - typed - set(net.layers) - {1}
            leaked = numbers_in(feedback.message) & secret
            assert not leaked, (net, answer, per_connection, feedback.message)
            if right not in typed and right not in net.layers:  # word boundaries
                for form in {str(right), f"{right:,}"}:
                    assert not re.search(rf"(?<![\d,]){form}(?!\d|,\d)", feedback.message)
    assert tried > 10_000


def reference_coincidences(net):
    """The mistakes whose total is the right count although their method is not
    the rule on this net (worked from the definitions, as in ``reference``)."""
    sizes, bias = net.layers, net.bias
    links = list(zip(sizes, sizes[1:], bias))
    right = sum((n + 1) * m if b else n * m for n, m, b in links)
    totals = {
        "forgot_biases": sum(n * m for n, m, _ in links),
        "swapped_bias": sum(n * (m + 1) if b else n * m for n, m, b in links),
        "bias_per_layer": sum(n * m + (1 if b else 0) for n, m, b in links),
        "counted_units": sum(sizes) + sum(1 for b in bias if b),
        "added_sizes": sum(sizes),
        "added_not_multiplied": sum(n + (1 if b else 0) + m for n, m, b in links),
    }
    if not all(bias):  # otherwise giving every connection biases is the rule itself
        totals["ignored_nobias"] = sum((n + 1) * m for n, m, _ in links)
    # input_bias, the output biases and the connection mistakes add or take away
    # at least one parameter: they never give the right count
    return {name for name, total in totals.items() if total == right}


def test_the_reference_finds_the_nets_a_wrong_method_counts_right():
    assert reference_coincidences(Net((7, 7))) == {"swapped_bias"}        # 56 both ways
    assert reference_coincidences(Net((2, 2, 2, 2, 2, 2))) == {"swapped_bias"}  # 30
    assert reference_coincidences(Net((3, 1))) == {"bias_per_layer", "added_sizes"}  # 4
    assert reference_coincidences(Net((5, 8, 4, 3))) == set()


RANGES = [((3, 5), (1, 16)), ((2, 6), (1, 16)), ((2, 2), (1, 4)), ((2, 3), (2, 5)),
          ((2, 8), (1, 128)), ((3, 3), (1, 3))]


def test_the_generator_never_poses_a_net_a_wrong_method_counts_right():
    from nnparams_edu.sheets import make_sheet
    from nnparams_edu.widgets.exercise import Exercise
    drawn = 0
    for layers, units in RANGES:
        for seed in range(1500):
            net = random_net(seed, layers=layers, units=units)
            assert not reference_coincidences(net), (layers, units, net)
            drawn += 1
    for seed in range(100):  # sheets, and the random exercise's "New net"
        for net in make_sheet(10, seed=seed).nets:
            assert not reference_coincidences(net), (seed, net)
    exercise = Exercise(seed=2024, picture=False)
    for _ in range(200):
        assert not reference_coincidences(exercise.net), exercise.net
        exercise.new_net()
    assert drawn == 9000
    # without the rule, these ranges would often draw such nets: 2-2, 7-7, 3-1, ...
    rng = random.Random(0)
    plain = [Net(tuple(rng.randint(1, 4) for _ in range(2))) for _ in range(200)]
    assert sum(bool(reference_coincidences(net)) for net in plain) > 50


def lesson_exercise_nets():
    """Every net a lesson asks the student to count, read from the notebooks."""
    import json
    from pathlib import Path
    found = set()
    for path in sorted(Path(__file__).parents[1].glob("notebooks/0[1-5]-*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                found |= set(re.findall(r"\b(?:exercise|solution|pose)\(\s*[\"']([^\"']+)",
                                        source))
    return found


def test_no_lesson_net_is_counted_right_by_a_wrong_method():
    from nnparams_edu import as_net, count_parameters
    from nnparams_edu.exercises import EXERCISE_NETS
    from nnparams_edu.widgets.presentation import CLASS_NET
    posed = lesson_exercise_nets() | {CLASS_NET}
    assert {"4-16-8-4-2", "6-3", "8-6-4;nobias=2"} <= posed
    # the class exercise is a net of its own: no lesson gives its answer away
    assert CLASS_NET not in lesson_exercise_nets() | set(WORKED_NETS)
    assert posed <= set(EXERCISE_NETS), posed - set(EXERCISE_NETS)
    for spec in EXERCISE_NETS:
        assert not reference_coincidences(as_net(spec)), spec
        assert check_answer(spec, str(count_parameters(spec))).mistakes == ()
