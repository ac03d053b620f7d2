// Skip logic of the public survey page: a question with data-show-if is shown only while the answer to that
// question is one of data-show-values; hidden questions' inputs are disabled, so they are not sent.
(function () {
  'use strict';
  function answers(form, code) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="q_' + code + '"]'))
      .filter(function (i) { return (i.type !== 'radio' && i.type !== 'checkbox') || i.checked; })
      .filter(function (i) { return !i.disabled; })
      .map(function (i) { return i.value; });
  }
  function update(form) {
    form.querySelectorAll('fieldset.question[data-show-if]').forEach(function (q) {
      var values = (q.getAttribute('data-show-values') || '').split(',');
      var shown = answers(form, q.getAttribute('data-show-if')).some(function (v) { return values.indexOf(v) >= 0; });
      q.hidden = !shown;
      q.querySelectorAll('input, textarea').forEach(function (i) { i.disabled = !shown; });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('survey-form');
    if (form) {
      form.addEventListener('change', function () { update(form); });
      update(form);
    }
  });
})();
