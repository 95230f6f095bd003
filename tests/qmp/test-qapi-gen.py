#!/usr/bin/env python3
"""
scripts/qapi/gen.py on small schemas: what it generates and what it
refuses.  Usage: test-qapi-gen.py GEN.PY
"""

import ast
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

GEN = None


def run_gen(files):
    d = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, d, True)
    for name, text in files.items():
        with open(os.path.join(d, name), 'w') as f:
            f.write(text)
    out = os.path.join(d, 'out')
    p = subprocess.run([sys.executable, GEN, os.path.join(d, 'main.json'),
                        out], capture_output=True, text=True)
    return p, out


def introspection(out):
    with open(os.path.join(out, 'qapi-introspect.c')) as f:
        text = f.read()
    chunks = re.findall(r'^    "(.*)";?$', text, re.M)
    # The C escapes used (\\ and \") mean the same in Python.
    body = ''.join(ast.literal_eval('"%s"' % c) for c in chunks)
    return json.loads(body)


class TestGen(unittest.TestCase):
    def test_good_schema(self):
        p, out = run_gen({
            'main.json': """
# comment
{ 'include': 'types.json' }
{ 'command': 'do-it', 'data': { 'a': 'str', '*b': [ 'Color' ] },
  'returns': 'Thing', 'features': [ 'f1' ] }
{ 'command': 'raw', 'data': { 'x': 'int' }, 'gen': false }
{ 'command': 'maybe', 'weak': true }
{ 'event': 'BANG', 'data': { '*why': 'str' } }
""",
            'types.json': """
{ 'enum': 'Color', 'data': [ 'red', 'blue' ] }
{ 'struct': 'Thing', 'data': { 'n': 'int', 'ok': 'bool' } }
"""})
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(out, 'qapi-commands.h')) as f:
            h = f.read()
        self.assertIn('QDict *qmp_do_it(const char *a, bool has_b, '
                      'QList *b, Error **errp);', h)
        self.assertIn('void qmp_raw(QDict *args, QObject **ret, '
                      'Error **errp);', h)
        self.assertIn('void qapi_event_send_bang(bool has_why, '
                      'const char *why);', h)
        with open(os.path.join(out, 'qapi-commands.c')) as f:
            c = f.read()
        self.assertIn('"red", "blue", NULL', c)
        self.assertIn('if (qmp_maybe) {', c)
        self.assertIn('void qmp_maybe(Error **errp) __attribute__((weak));',
                      c)
        ents = {e['name']: e for e in introspection(out)}
        cmd = ents['do-it']
        self.assertEqual(cmd['meta-type'], 'command')
        self.assertEqual(cmd['features'], ['f1'])
        args = ents[cmd['arg-type']]
        self.assertEqual(args['members'][0], {'name': 'a', 'type': 'str'})
        self.assertEqual(args['members'][1]['default'], None)
        arr = ents[args['members'][1]['type']]
        self.assertEqual(arr['meta-type'], 'array')
        self.assertEqual(ents[arr['element-type']]['values'],
                         ['red', 'blue'])
        self.assertEqual(ents[cmd['ret-type']]['meta-type'], 'object')
        self.assertEqual(ents['maybe']['arg-type'], '0')
        self.assertEqual(ents['0'], {'name': '0', 'members': [],
                                     'meta-type': 'object'})
        self.assertEqual(ents['bool']['json-type'], 'boolean')

    def refused(self, text, msg):
        p, _ = run_gen({'main.json': text})
        self.assertEqual(p.returncode, 1)
        self.assertIn(msg, p.stderr)

    def test_unknown_type(self):
        self.refused("{ 'command': 'x', 'data': { 'a': 'Nope' } }",
                     'unknown type Nope')

    def test_unknown_key(self):
        self.refused("{ 'command': 'x', 'dta': {} }", 'unknown keys')

    def test_duplicate(self):
        self.refused("{ 'command': 'x' }\n{ 'command': 'x' }",
                     'defined twice')
        self.refused("{ 'struct': 'T', 'data': {} }\n"
                     "{ 'enum': 'T', 'data': [] }", 'defined twice')

    def test_syntax(self):
        self.refused("{ 'command': 'x' ", 'main.json')


if __name__ == '__main__':
    GEN = sys.argv.pop(1)
    unittest.main(verbosity=2)
