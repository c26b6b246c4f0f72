/* argmap html: FSRS-6, the drill's schedule in the browser.
 *
 * The algorithm of the fsrs Python package (6.x) that `argmap drill` uses, with its default
 * parameters and no fuzz, written again for the page: the same grades at the same times give
 * the same due dates (tests/test_html_browser.py checks it against the package). A card is the
 * package's own record: {state, step, stability, difficulty, due, last_review}, times in ISO.
 */
var ArgmapFSRS = (function () {
  'use strict';

  var W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
  var RETENTION = 0.9, MAX_INTERVAL = 36500, STABILITY_MIN = 0.001;
  var MINUTE = 60000, DAY = 86400000;
  var LEARNING = [1 * MINUTE, 10 * MINUTE], RELEARNING = [10 * MINUTE];
  var DECAY = -W[20], FACTOR = Math.pow(0.9, 1 / DECAY) - 1;
  var LEARNING_STATE = 1, REVIEW = 2, RELEARNING_STATE = 3;
  var AGAIN = 1, HARD = 2, GOOD = 3, EASY = 4;

  function clampD(d) { return Math.min(Math.max(d, 1), 10); }
  function clampS(s) { return Math.max(s, STABILITY_MIN); }
  /* Python's round(): halves go to the even neighbour. */
  function roundHalfEven(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }
  function initialStability(rating) { return clampS(W[rating - 1]); }
  function initialDifficulty(rating, clamp) {
    var d = W[4] - Math.exp(W[5] * (rating - 1)) + 1;
    return clamp ? clampD(d) : d;
  }
  function nextInterval(stability) {
    var days = roundHalfEven((stability / FACTOR) * (Math.pow(RETENTION, 1 / DECAY) - 1));
    return Math.min(Math.max(days, 1), MAX_INTERVAL);
  }
  function shortTermStability(stability, rating) {
    var increase = Math.exp(W[17] * (rating - 3 + W[18])) * Math.pow(stability, -W[19]);
    if (rating >= HARD) increase = Math.max(increase, 1);
    return clampS(stability * increase);
  }
  function nextDifficulty(difficulty, rating) {
    var delta = -(W[6] * (rating - 3));
    var damped = difficulty + (10 - difficulty) * delta / 9;
    return clampD(W[7] * initialDifficulty(EASY, false) + (1 - W[7]) * damped);
  }
  function retrievability(card, at) {
    if (card.last_review === null || card.stability === null) return 0;
    var elapsed = Math.max(0, Math.floor((at - Date.parse(card.last_review)) / DAY));
    return Math.pow(1 + FACTOR * elapsed / card.stability, DECAY);
  }
  function nextStability(d, s, r, rating) {
    var next;
    if (rating === AGAIN) {
      next = Math.min(W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) * Math.exp((1 - r) * W[14]),
        s / Math.exp(W[17] * W[18]));
    } else {
      var hard = rating === HARD ? W[15] : 1, easy = rating === EASY ? W[16] : 1;
      next = s * (1 + Math.exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) * (Math.exp((1 - r) * W[10]) - 1) * hard * easy);
    }
    return clampS(next);
  }

  /* A new card, due at once. */
  function newCard(at) {
    return { state: LEARNING_STATE, step: 0, stability: null, difficulty: null, due: new Date(at).toISOString(), last_review: null };
  }

  /* The card after a review graded `rating` (1 again … 4 easy) at `at` (ms since the epoch). */
  function review(old, rating, at) {
    var card = { state: old.state, step: old.step, stability: old.stability, difficulty: old.difficulty, due: old.due, last_review: old.last_review };
    var days = card.last_review ? Math.floor((at - Date.parse(card.last_review)) / DAY) : null;
    var interval;
    function graduate() { card.state = REVIEW; card.step = null; return nextInterval(card.stability) * DAY; }
    function update(withDifficulty) {
      if (days !== null && days < 1) card.stability = shortTermStability(card.stability, rating);
      else card.stability = nextStability(card.difficulty, card.stability, retrievability(card, at), rating);
      if (withDifficulty) card.difficulty = nextDifficulty(card.difficulty, rating);
    }
    function steps(list) {
      if (list.length === 0 || (card.step >= list.length && rating >= HARD)) return graduate();
      if (rating === AGAIN) { card.step = 0; return list[0]; }
      if (rating === HARD) {
        if (card.step === 0 && list.length === 1) return list[0] * 1.5;
        if (card.step === 0 && list.length >= 2) return (list[0] + list[1]) / 2;
        return list[card.step];
      }
      if (rating === GOOD) {
        if (card.step + 1 === list.length) return graduate();
        card.step += 1;
        return list[card.step];
      }
      return graduate();
    }
    if (card.state === LEARNING_STATE) {
      if (card.stability === null || card.difficulty === null) {
        card.stability = initialStability(rating);
        card.difficulty = initialDifficulty(rating, true);
      } else {
        update(true);
      }
      interval = steps(LEARNING);
    } else if (card.state === REVIEW) {
      update(true);
      if (rating === AGAIN) { card.state = RELEARNING_STATE; card.step = 0; interval = RELEARNING[0]; }
      else interval = nextInterval(card.stability) * DAY;
    } else {
      update(true);
      interval = steps(RELEARNING);
    }
    card.due = new Date(at + interval).toISOString();
    card.last_review = new Date(at).toISOString();
    return card;
  }

  return { newCard: newCard, review: review };
})();
