# Gantry's notification callback for ansible-playbook, shipped inside the Gantry ansible
# plugin and enabled by it (no collection to install). It leaves ansible's own output as
# it is and writes what Gantry needs to read back, as JSON, to the file named by
# $GANTRY_ANSIBLE_RESULT (mode 0600: set_stats values may be secrets):
#
#   {"stats": {...},                     # set_stats data with per_host: false
#    "recap": {"web1": {"ok": 2, "changed": 1, "failures": 0, "unreachable": 0,
#                       "skipped": 0, "rescued": 0, "ignored": 0}},
#    "failed": [{"task": "...", "host": "...", "msg": "...", "stderr": "..."}],
#    "unreachable": [{"task": "...", "host": "...", "msg": "..."}],
#    "complete": true}                   # false until the playbook's recap
#
# The file is rewritten after each failure too, so a run cut short still names them.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = '''
    name: gantry_result
    type: notification
    short_description: records set_stats data, the recap and failed tasks for Gantry
    description:
      - Writes a JSON file named by the GANTRY_ANSIBLE_RESULT environment variable.
    requirements:
      - enabled by the Gantry ansible plugin (ANSIBLE_CALLBACKS_ENABLED)
'''

import json
import os
import tempfile

from ansible.plugins.callback import CallbackBase

RECAP_KEYS = ('ok', 'changed', 'failures', 'unreachable', 'skipped', 'rescued', 'ignored')
TEXT_LIMIT = 2000


def _text(value):
    """A message as one bounded string (ansible's may be a list or a dict)."""
    if value is None:
        return ''
    if not isinstance(value, str):
        try:
            value = json.dumps(value, default=str)
        except (TypeError, ValueError):
            value = str(value)
    return value if len(value) <= TEXT_LIMIT else value[:TEXT_LIMIT] + '...'


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'gantry_result'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get('GANTRY_ANSIBLE_RESULT', '')
        self._result = {'stats': {}, 'recap': {}, 'failed': [], 'unreachable': [],
                        'complete': False}

    def _write(self):
        if not self._path:
            return
        directory = os.path.dirname(self._path) or '.'
        fd, temporary = tempfile.mkstemp(prefix='.gantry-result-', dir=directory)
        try:
            with os.fdopen(fd, 'w') as out:  # mkstemp creates it 0600
                json.dump(self._result, out, default=str, sort_keys=True)
            os.replace(temporary, self._path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise

    @staticmethod
    def _where(result):
        return {'task': result._task.get_name().strip(), 'host': result._host.get_name()}

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if ignore_errors:
            return
        failure = self._where(result)
        failure['msg'] = _text(result._result.get('msg'))
        failure['stderr'] = _text(result._result.get('stderr'))
        self._result['failed'].append(failure)
        self._write()

    def v2_runner_on_unreachable(self, result):
        where = self._where(result)
        where['msg'] = _text(result._result.get('msg'))
        self._result['unreachable'].append(where)
        self._write()

    def v2_playbook_on_stats(self, stats):
        for host in sorted(stats.processed.keys()):
            summary = stats.summarize(host)
            self._result['recap'][host] = dict((key, summary.get(key, 0)) for key in RECAP_KEYS)
        # set_stats with per_host: false (the default) lands under '_run'.
        self._result['stats'] = dict(stats.custom.get('_run', {}))
        self._result['complete'] = True
        self._write()
