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
})();
