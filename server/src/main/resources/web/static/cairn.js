// Follows a running task's log over server-sent events (see TaskLogStream): "status" events
// update the badge, "log" events append text, and "end" carries the final status and closes.
(function () {
  function setStatus(status) {
    var badge = document.getElementById('task-status');
    if (badge) {
      badge.textContent = status;
      badge.className = 'badge ' + status;
    }
  }

  function follow() {
    var log = document.getElementById('task-log');
    if (!log || !log.dataset.stream) {
      return;
    }
    var source = new EventSource(log.dataset.stream + '?offset=' + encodeURIComponent(log.dataset.offset || '0'));
    source.addEventListener('status', function (e) {
      setStatus(JSON.parse(e.data).status);
    });
    source.addEventListener('log', function (e) {
      var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.textContent += JSON.parse(e.data);
      if (atBottom) {
        log.scrollTop = log.scrollHeight;
      }
    });
    source.addEventListener('end', function (e) {
      source.close();
      var end = JSON.parse(e.data);
      setStatus(end.status);
      var stopped = document.getElementById('task-stopped');
      if (stopped && end.stopped) {
        stopped.textContent = end.stopped;
      }
      log.dataset.ended = 'true';
      var cancel = document.getElementById('cancel-form');
      if (cancel) {
        cancel.remove();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', follow);

  // what the pages would otherwise say inline (the Content-Security-Policy allows no inline script):
  // a select that submits its form when changed, and a "Go back" link
  document.addEventListener('change', function (e) {
    if (e.target.matches && e.target.matches('select[data-submit-on-change]')) {
      e.target.form.submit();
    }
  });
  document.addEventListener('click', function (e) {
    var back = e.target.closest ? e.target.closest('a[data-history-back]') : null;
    if (back && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });

  // "Copy" buttons beside a command to paste into a terminal (the curl line of a download)
  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('button.copy') : null;
    if (!button) {
      return;
    }
    var text = button.getAttribute('data-copy');
    function done(label) {
      button.textContent = label;
      setTimeout(function () { button.textContent = 'Copy'; }, 2000);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done('Copied'); }, function () { done('Select and copy'); });
    } else {
      var code = button.parentNode.querySelector('code');
      if (code && window.getSelection) {
        var range = document.createRange();
        range.selectNodeContents(code);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
      done('Selected: press Ctrl+C');
    }
  });
})();
