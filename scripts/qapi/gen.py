#!/usr/bin/env python3
"""
Generate kvmemu's QMP glue from the schema in qapi/schema/.

Usage: gen.py SCHEMA OUTDIR

Writes into OUTDIR:
  qapi-commands.h   prototypes of every qmp_<command> handler, of the
                    qapi_event_send_<event> senders and of the tables
  qapi-commands.c   one qmp_marshal_<command> per command (argument
                    checking against the schema, unpacking, the call)
                    and qmp_init_marshal() that registers them
  qapi-events.c     the event senders
  qapi-introspect.c the query-qmp-schema answer (QEMU's SchemaInfo list)

Only the Python standard library is used.  The schema format is
described in docs/devel/qmp.md.
"""

import ast
import json
import os
import re
import sys

BUILTINS = {
    # schema name: (JSON type for introspection, checker kind)
    'str': ('string', 'QMP_ARG_STR'),
    'int': ('int', 'QMP_ARG_INT'),
    'int8': ('int', 'QMP_ARG_INT'),
    'int16': ('int', 'QMP_ARG_INT'),
    'int32': ('int', 'QMP_ARG_INT'),
    'int64': ('int', 'QMP_ARG_INT'),
    'uint8': ('int', 'QMP_ARG_UINT'),
    'uint16': ('int', 'QMP_ARG_UINT'),
    'uint32': ('int', 'QMP_ARG_UINT'),
    'uint64': ('int', 'QMP_ARG_UINT'),
    'size': ('int', 'QMP_ARG_UINT'),
    'number': ('number', 'QMP_ARG_NUMBER'),
    'bool': ('boolean', 'QMP_ARG_BOOL'),
    'any': ('value', 'QMP_ARG_ANY'),
    'null': ('null', 'QMP_ARG_NULL'),
}

KNOWN_KEYS = {
    'command': {'command', 'data', 'returns', 'gen', 'weak', 'features',
                'allow-preconfig', 'allow-oob', 'c-name', 'success-response'},
    'struct': {'struct', 'data', 'features'},
    'enum': {'enum', 'data', 'features'},
    'event': {'event', 'data', 'features'},
}


class SchemaError(Exception):
    pass


def c_name(name):
    return re.sub(r'[^A-Za-z0-9_]', '_', name)


def read_exprs(path, seen):
    """Parse one schema file (and its includes) into a list of dicts."""
    path = os.path.normpath(path)
    if path in seen:
        return []
    seen.add(path)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    # Comments run from '#' to the end of the line; the schema has no
    # '#' inside strings.
    text = re.sub(r'#[^\n]*', '', text)
    # JSON spellings of the constants (the schema has no such strings).
    text = re.sub(r'\btrue\b', 'True', text)
    text = re.sub(r'\bfalse\b', 'False', text)
    try:
        exprs = ast.literal_eval('[' + re.sub(r'}\s*{', '}, {', text) + ']')
    except (SyntaxError, ValueError) as e:
        raise SchemaError('%s: %s' % (path, e))
    out = []
    for e in exprs:
        if not isinstance(e, dict):
            raise SchemaError('%s: top-level expression must be an object'
                              % path)
        if 'include' in e:
            out += read_exprs(os.path.join(os.path.dirname(path),
                                           e['include']), seen)
            continue
        meta = [k for k in KNOWN_KEYS if k in e]
        if len(meta) != 1:
            raise SchemaError('%s: cannot tell what %r defines' % (path, e))
        extra = set(e) - KNOWN_KEYS[meta[0]]
        if extra:
            raise SchemaError('%s: %s %s: unknown keys %s'
                              % (path, meta[0], e[meta[0]], sorted(extra)))
        e['meta'] = meta[0]
        e['name'] = e[meta[0]]
        e['file'] = path
        out.append(e)
    return out


class Schema:
    def __init__(self, path):
        self.exprs = read_exprs(path, set())
        self.types = {}
        self.commands = []
        self.events = []
        for e in self.exprs:
            if e['meta'] in ('struct', 'enum'):
                if e['name'] in self.types or e['name'] in BUILTINS:
                    raise SchemaError('type %s defined twice' % e['name'])
                self.types[e['name']] = e
            elif e['meta'] == 'command':
                self.commands.append(e)
            else:
                self.events.append(e)
        names = [c['name'] for c in self.commands]
        if len(set(names)) != len(names):
            raise SchemaError('a command is defined twice')
        for e in self.exprs:
            self.check_members(e)
            if e['meta'] == 'command' and 'returns' in e:
                self.check_type(e['returns'], e)

    def check_type(self, t, where):
        if isinstance(t, list):
            if len(t) != 1:
                raise SchemaError('%s: array type needs one element type'
                                  % where['name'])
            return self.check_type(t[0], where)
        if t not in BUILTINS and t not in self.types:
            raise SchemaError('%s: unknown type %s' % (where['name'], t))

    def check_members(self, e):
        data = e.get('data', {})
        if e['meta'] == 'enum':
            if not isinstance(data, list):
                raise SchemaError('enum %s: data must be a list' % e['name'])
            return
        if not isinstance(data, dict):
            raise SchemaError('%s: data must be an object' % e['name'])
        for t in data.values():
            self.check_type(t, e)

    @staticmethod
    def members(e):
        """[(name, type, optional)] of a struct, command or event."""
        out = []
        for k, t in e.get('data', {}).items():
            opt = k.startswith('*')
            out.append((k[1:] if opt else k, t, opt))
        return out


# ---------------------------------------------------------------------
# C types of handler parameters and return values

def param_ctype(schema, t):
    if isinstance(t, list):
        return 'QList *'
    if t in ('str',):
        return 'const char *'
    if t in BUILTINS:
        return {'QMP_ARG_INT': 'int64_t ', 'QMP_ARG_UINT': 'uint64_t ',
                'QMP_ARG_BOOL': 'bool ', 'QMP_ARG_NUMBER': 'double ',
                'QMP_ARG_ANY': 'QObject *',
                'QMP_ARG_NULL': 'QObject *'}[BUILTINS[t][1]]
    if schema.types[t]['meta'] == 'enum':
        return 'const char *'
    return 'QDict *'


def ret_ctype(schema, t):
    if isinstance(t, list):
        return 'QList *'
    if t == 'str':
        return 'char *'
    if t in BUILTINS:
        return param_ctype(schema, t)
    if schema.types[t]['meta'] == 'enum':
        return 'char *'
    return 'QDict *'


def ret_to_qobject(schema, t, var):
    """C expression turning handler result @var into a QObject *."""
    if isinstance(t, list) or t not in BUILTINS and \
            schema.types[t]['meta'] == 'struct':
        return 'QOBJECT(%s)' % var
    if t in ('str',) or t in schema.types:
        return 'QOBJECT(qstring_from_str(%s))' % var
    kind = BUILTINS[t][1]
    return {'QMP_ARG_INT': 'QOBJECT(qnum_from_int(%s))',
            'QMP_ARG_UINT': 'QOBJECT(qnum_from_uint(%s))',
            'QMP_ARG_BOOL': 'QOBJECT(qbool_from_bool(%s))',
            'QMP_ARG_NUMBER': 'QOBJECT(qnum_from_double(%s))',
            'QMP_ARG_ANY': '%s', 'QMP_ARG_NULL': '%s'}[kind] % var


def handler_params(schema, e):
    params = []
    for name, t, opt in Schema.members(e):
        if opt:
            params.append('bool has_%s' % c_name(name))
        params.append('%s%s' % (param_ctype(schema, t), c_name(name)))
    return params


def handler_name(e):
    return e.get('c-name', 'qmp_' + c_name(e['name']))


def handler_proto(schema, e):
    if e.get('gen', True) is False:
        return 'void %s(QDict *args, QObject **ret, Error **errp)' \
            % handler_name(e)
    ret = ret_ctype(schema, e['returns']) if 'returns' in e else 'void '
    params = handler_params(schema, e) + ['Error **errp']
    return '%s%s(%s)' % (ret, handler_name(e), ', '.join(params))


def event_proto(schema, e):
    params = handler_params(schema, e) or ['void']
    return 'void qapi_event_send_%s(%s)' % (c_name(e['name'].lower()),
                                            ', '.join(params))


# ---------------------------------------------------------------------
# Argument specs for the runtime checker (qapi/qmp-arg-check.c)

class SpecWriter:
    def __init__(self, schema):
        self.schema = schema
        self.out = []
        self.done = {}
        self.counter = 0

    def enum_table(self, t):
        key = 'enum:' + t
        if key not in self.done:
            name = 'qmp_enum_%s' % c_name(t)
            vals = ''.join('"%s", ' % v for v in self.schema.types[t]['data'])
            self.out.append('static const char *const %s[] = { %sNULL };'
                            % (name, vals))
            self.done[key] = name
        return self.done[key]

    def spec_fields(self, t):
        """(kind, enum table, members table, element spec) for type @t."""
        if isinstance(t, list):
            return ('QMP_ARG_LIST', 'NULL', 'NULL',
                    '&' + self.element_spec(t[0]))
        if t in BUILTINS:
            return (BUILTINS[t][1], 'NULL', 'NULL', 'NULL')
        d = self.schema.types[t]
        if d['meta'] == 'enum':
            return ('QMP_ARG_ENUM', self.enum_table(t), 'NULL', 'NULL')
        return ('QMP_ARG_STRUCT', 'NULL', self.members_table(d), 'NULL')

    def kind_of(self, t):
        if isinstance(t, list):
            return 'QMP_ARG_LIST'
        if t in BUILTINS:
            return BUILTINS[t][1]
        if self.schema.types[t]['meta'] == 'enum':
            return 'QMP_ARG_ENUM'
        return 'QMP_ARG_STRUCT'

    def element_spec(self, t):
        self.counter += 1
        name = 'qmp_elem_%d' % self.counter
        kind, enum, members, elem = self.spec_fields(t)
        self.out.append('static const QmpArgSpec %s = '
                        '{ NULL, %s, false, %s, %s, %s };'
                        % (name, kind, enum, members, elem))
        return name

    def members_table(self, e):
        key = e['meta'] + ':' + e['name']
        if key in self.done:
            return self.done[key]
        rows = []
        for name, t, opt in Schema.members(e):
            kind, enum, members, elem = self.spec_fields(t)
            rows.append('    { "%s", %s, %s, %s, %s, %s },'
                        % (name, kind, 'true' if opt else 'false',
                           enum, members, elem))
        table = 'qmp_args_%s_%s' % (e['meta'], c_name(e['name']))
        self.out.append('static const QmpArgSpec %s[] = {' % table)
        self.out += rows
        self.out.append('    { NULL }\n};')
        self.done[key] = table
        return table


# ---------------------------------------------------------------------

def gen_header(schema):
    o = ['/* Generated by scripts/qapi/gen.py from qapi/schema; do not edit. */',
         '#ifndef QAPI_COMMANDS_GEN_H',
         '#define QAPI_COMMANDS_GEN_H',
         '',
         '#include "qapi/qmp/dispatch.h"',
         '',
         'typedef struct QList QList;',
         '',
         '/* Register every command whose handler is linked in. */',
         'void qmp_init_marshal(QmpCommandList *cmds);',
         '/* query-qmp-schema answer for every entity in the schema. */',
         'extern const char qmp_schema_json[];',
         '/* Event names, NULL-terminated, in schema order. */',
         'extern const char *const qapi_event_names[];',
         '',
         '/* Command handlers. */']
    for c in schema.commands:
        o.append('%s;' % handler_proto(schema, c))
    o += ['', '/* Event senders (monitor_qapi_event_emit does the rest). */']
    for e in schema.events:
        o.append('%s;' % event_proto(schema, e))
    o += ['', '#endif', '']
    return '\n'.join(o)


def gen_commands(schema):
    sw = SpecWriter(schema)
    body = []
    reg = []
    for c in schema.commands:
        fn = 'qmp_marshal_' + c_name(c['name'])
        b = ['static void %s(QDict *args, QObject **ret, Error **errp)'
             % fn, '{']
        if c.get('gen', True) is False:
            b.append('    %s(args, ret, errp);' % handler_name(c))
        else:
            table = sw.members_table(c)
            b.append('    Error *err = NULL;')
            call_args = []
            decls = []
            for name, t, opt in Schema.members(c):
                cn = c_name(name)
                ct = param_ctype(schema, t)
                if opt:
                    decls.append('    bool has_%s = qdict_haskey(args, "%s");'
                                 % (cn, name))
                    call_args.append('has_' + cn)
                    get = 'has_%s ? %%s : %s' % (
                        cn, '0' if ct.strip() in
                        ('int64_t', 'uint64_t', 'double', 'bool') else 'NULL')
                else:
                    get = '%s'
                kind = sw.kind_of(t)
                getter = {
                    'QMP_ARG_STR': 'qdict_get_str(args, "%s")',
                    'QMP_ARG_ENUM': 'qdict_get_str(args, "%s")',
                    'QMP_ARG_INT': 'qdict_get_int(args, "%s")',
                    'QMP_ARG_UINT': 'qnum_get_uint(qobject_to(QNum, qdict_get(args, "%s")))',
                    'QMP_ARG_BOOL': 'qdict_get_bool(args, "%s")',
                    'QMP_ARG_NUMBER': 'qdict_get_double(args, "%s")',
                    'QMP_ARG_ANY': 'qdict_get(args, "%s")',
                    'QMP_ARG_NULL': 'qdict_get(args, "%s")',
                    'QMP_ARG_LIST': 'qdict_get_qlist(args, "%s")',
                    'QMP_ARG_STRUCT': 'qdict_get_qdict(args, "%s")',
                }[kind] % name
                decls.append('    %s%s;' % (ct, cn))
                call_args.append(cn)
                decls.append('    %s = %s;' % (cn, get % getter))
            b.append('')
            b.append('    if (!qmp_check_args(%s, args, &err)) {' % table)
            b.append('        error_propagate(errp, err);')
            b.append('        return;')
            b.append('    }')
            b.append('    {')
            b += ['    ' + d for d in decls]
            call = '%s(%s)' % (handler_name(c), ', '.join(call_args + ['&err']))
            if 'returns' in c:
                rt = ret_ctype(schema, c['returns'])
                b.append('        %sretval = %s;' % (rt, call))
                b.append('        if (err) {')
                b.append('            error_propagate(errp, err);')
                b.append('            return;')
                b.append('        }')
                b.append('        *ret = %s;'
                         % ret_to_qobject(schema, c['returns'], 'retval'))
                if c['returns'] == 'str' or (
                        isinstance(c['returns'], str) and
                        c['returns'] in schema.types and
                        schema.types[c['returns']]['meta'] == 'enum'):
                    b.append('        g_free(retval);')
            else:
                b.append('        %s;' % call)
                b.append('        error_propagate(errp, err);')
            b.append('    }')
        b.append('}')
        body.append('\n'.join(b))
        opts = []
        if c.get('allow-preconfig'):
            opts.append('QCO_ALLOW_PRECONFIG')
        if c.get('allow-oob'):
            opts.append('QCO_ALLOW_OOB')
        if c.get('success-response') is False:
            opts.append('QCO_NO_SUCCESS_RESP')
        r = '    qmp_register_command(cmds, "%s", %s, %s, 0);' % (
            c['name'], fn, ' | '.join(opts) or 'QCO_NO_OPTIONS')
        if c.get('weak'):
            r = '    if (%s) {\n    %s\n    }' % (handler_name(c), r)
        reg.append(r)
    o = ['/* Generated by scripts/qapi/gen.py from qapi/schema; do not edit. */',
         '#include "qemu/osdep.h"',
         '#include "qapi/error.h"',
         '#include "qapi/qmp/qdict.h"',
         '#include "qapi/qmp/qlist.h"',
         '#include "qapi/qmp/qnum.h"',
         '#include "qapi/qmp/qbool.h"',
         '#include "qapi/qmp/qstring.h"',
         '#include "qapi/qmp/arg-check.h"',
         '#include "qapi/qapi-commands.h"',
         '']
    o += ['/* Handlers that may not be linked in (schema: \'weak\'). */']
    o += ['%s __attribute__((weak));' % handler_proto(schema, c)
          for c in schema.commands if c.get('weak')]
    o.append('')
    o += sw.out
    o.append('')
    o += [x + '\n' for x in body]
    o.append('void qmp_init_marshal(QmpCommandList *cmds)\n{')
    o += reg
    o.append('}\n')
    o.append('const char *const qapi_event_names[] = {')
    o += ['    "%s",' % e['name'] for e in schema.events]
    o.append('    NULL,\n};\n')
    return '\n'.join(o)


def gen_events(schema):
    o = ['/* Generated by scripts/qapi/gen.py from qapi/schema; do not edit. */',
         '#include "qemu/osdep.h"',
         '#include "qapi/qmp/qdict.h"',
         '#include "qapi/qmp/qlist.h"',
         '#include "qapi/qmp/qnum.h"',
         '#include "qapi/qmp/qbool.h"',
         '#include "qapi/qmp/qstring.h"',
         '#include "qapi/qapi-commands.h"',
         '#include "monitor/monitor.h"',
         '']
    for e in schema.events:
        o.append(event_proto(schema, e))
        o.append('{')
        members = Schema.members(e)
        if members:
            o.append('    QDict *data = qdict_new();\n')
            for name, t, opt in members:
                cn = c_name(name)
                ind = '    '
                if opt:
                    o.append('    if (has_%s) {' % cn)
                    ind = '        '
                ct = param_ctype(schema, t).strip()
                if ct == 'const char *':
                    put = 'qdict_put_str(data, "%s", %s);'
                elif ct == 'int64_t':
                    put = 'qdict_put_int(data, "%s", %s);'
                elif ct == 'uint64_t':
                    put = 'qdict_put(data, "%s", qnum_from_uint(%s));'
                elif ct == 'bool':
                    put = 'qdict_put_bool(data, "%s", %s);'
                elif ct == 'double':
                    put = 'qdict_put(data, "%s", qnum_from_double(%s));'
                else:
                    put = 'qdict_put_obj(data, "%s", qobject_ref(QOBJECT(%s)));'
                o.append(ind + put % (name, cn))
                if opt:
                    o.append('    }')
            o.append('    monitor_qapi_event_emit("%s", data);' % e['name'])
            o.append('    qobject_unref(data);')
        else:
            o.append('    monitor_qapi_event_emit("%s", NULL);' % e['name'])
        o.append('}\n')
    return '\n'.join(o)


# ---------------------------------------------------------------------
# Introspection: QEMU's SchemaInfo list.  Type names other than the
# built-ins are replaced by numbers, as QEMU does, so that clients rely
# on structure rather than on internal names.

class Introspector:
    def __init__(self, schema):
        self.schema = schema
        self.names = {}
        self.entities = []
        self.pending = []
        self.used_builtins = []

    def type_name(self, t):
        if isinstance(t, list):
            elem = self.type_name(t[0])
            name = '[%s]' % elem
            if name not in self.names:
                self.names[name] = name
                self.pending.append(('array', name, elem))
            return name
        if t in BUILTINS:
            if t not in self.used_builtins:
                self.used_builtins.append(t)
            return t
        if t not in self.names:
            self.names[t] = str(len([n for n in self.names
                                     if not n.startswith('[')]) + 1)
            self.pending.append(('type', t, None))
        return self.names[t]

    def object_of(self, e):
        """Masked name of the implicit argument object of @e."""
        members = Schema.members(e)
        if not members:
            return '0'
        key = 'args:' + e['meta'] + ':' + e['name']
        if key not in self.names:
            self.names[key] = str(len([n for n in self.names
                                       if not n.startswith('[')]) + 1)
            self.pending.append(('args', key, e))
        return self.names[key]

    def members_json(self, e):
        out = []
        for name, t, opt in Schema.members(e):
            m = {'name': name}
            if opt:
                m['default'] = None
            m['type'] = self.type_name(t)
            out.append(m)
        return out

    def build(self):
        ents = []
        for c in self.schema.commands:
            ent = {'name': c['name'],
                   'ret-type': (self.type_name(c['returns'])
                                if 'returns' in c else '0'),
                   'meta-type': 'command',
                   'arg-type': self.object_of(c)}
            if c.get('allow-oob'):
                ent['allow-oob'] = True
            if c.get('features'):
                ent['features'] = list(c['features'])
            ents.append(ent)
        for e in self.schema.events:
            ents.append({'name': e['name'], 'meta-type': 'event',
                         'arg-type': self.object_of(e)})
        ents.append({'name': '0', 'members': [], 'meta-type': 'object'})
        while self.pending:
            kind, key, extra = self.pending.pop(0)
            if kind == 'array':
                ents.append({'name': key, 'element-type': extra,
                             'meta-type': 'array'})
            elif kind == 'args':
                ents.append({'name': self.names[key],
                             'members': self.members_json(extra),
                             'meta-type': 'object'})
            else:
                d = self.schema.types[key]
                if d['meta'] == 'enum':
                    ents.append({'name': self.names[key],
                                 'meta-type': 'enum',
                                 'members': [{'name': v} for v in d['data']],
                                 'values': list(d['data'])})
                else:
                    ents.append({'name': self.names[key],
                                 'members': self.members_json(d),
                                 'meta-type': 'object'})
        for b in self.used_builtins:
            ents.append({'name': b, 'json-type': BUILTINS[b][0],
                         'meta-type': 'builtin'})
        return ents


def c_string(text):
    lines = []
    for i in range(0, len(text), 70):
        chunk = text[i:i + 70].replace('\\', '\\\\').replace('"', '\\"')
        lines.append('    "%s"' % chunk)
    return '\n'.join(lines)


def gen_introspect(schema):
    ents = Introspector(schema).build()
    text = json.dumps(ents, separators=(',', ':'))
    return ('/* Generated by scripts/qapi/gen.py from qapi/schema; '
            'do not edit. */\n'
            '#include "qemu/osdep.h"\n'
            '#include "qapi/qapi-commands.h"\n\n'
            'const char qmp_schema_json[] =\n%s;\n' % c_string(text))


def write_if_changed(path, text):
    try:
        with open(path, encoding='utf-8') as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write('usage: %s SCHEMA OUTDIR\n' % argv[0])
        return 2
    try:
        schema = Schema(argv[1])
    except SchemaError as e:
        sys.stderr.write('%s: %s\n' % (argv[0], e))
        return 1
    out = argv[2]
    os.makedirs(out, exist_ok=True)
    write_if_changed(os.path.join(out, 'qapi-commands.h'), gen_header(schema))
    write_if_changed(os.path.join(out, 'qapi-commands.c'),
                     gen_commands(schema))
    write_if_changed(os.path.join(out, 'qapi-events.c'), gen_events(schema))
    write_if_changed(os.path.join(out, 'qapi-introspect.c'),
                     gen_introspect(schema))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
