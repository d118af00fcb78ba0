"""The emitter's part for expressions: operators, names, calls, indexing and matrices.

:meth:`ExpressionEmitter.expr` returns ``(python text, precedence)``. The ``x_`` method of each
node kind renders it; those of operators are generators that ``yield (child, cond, end)`` and
get the child's text back, so a long chain of operators costs no Python recursion. ``end``
inside an index is the text of that dimension's last index; ``cond`` marks an ``if``/``while``
condition, where a scalar comparison stays a plain Python one.

Octave rules that plain Python would get wrong go through runtime helpers named as Octave's own
functions (``mtimes``, ``mrdivide``, ``power``, ``colon``, ``horzcat``...).
:class:`ExpressionEmitter` is a mixin of :class:`octakd.port.emit.Emitter`.
"""
import keyword
import types

from . import parser as P
from .emit_common import (ADD, AND, ATOM, CMP, CONSTANT_ARRAYS, CONSTANTS, LIST_ARGUMENTS, MUL,
                          NOT, OR, POW, RUNTIME_CONSTANTS, UNARY)
from .emit_text import char_negation, char_operation, check_text_call
from .syntax import drive
from .runtime.octave_names import octave_function
from .runtime import FUNCTIONS as RUNTIME_FUNCTIONS, RENAMED as RUNTIME_RENAMED

# <, <=, >, >= of arrays are the runtime's lt, le, gt, ge: NumPy orders complex values by real
# part first, Octave by modulus (runtime/complex_order.py).
_ORDERING = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
_CMP = {"==": "==", "~=": "!=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class ExpressionEmitter:
    """Mixed into :class:`~octakd.port.emit.Emitter`: expressions (see the module)."""

    def expr(self, node, cond=False, end=None):
        """Return (python text, precedence) for an expression node.

        The ``x_`` methods of operators are generators: they ``yield (child, cond, end)`` and get
        the child's (text, precedence) back. This loop runs them on an explicit stack, so a long
        chain of operators costs no Python recursion.
        """
        return drive(self._emit_node(node, cond, end), self._emit_node)

    def _emit_node(self, node, cond, end):
        result = getattr(self, "x_" + type(node).__name__)(node, cond, end)
        if isinstance(result, types.GeneratorType):
            result = yield from result
        return result

    def sub(self, node, level, end, cond=False, strict=False):
        """(generator) The text of ``node``, parenthesised if it binds looser than ``level``."""
        text, prec = yield node, cond, end
        if prec < level or (strict and prec == level):
            return f"({text})"
        return text

    def x_Num(self, node, cond, end):
        """A number literal; an overflowing one (``1d999``) is written ``1e999``, Python's inf."""
        text = node.text
        value = node.value
        if isinstance(value, int) and value == 0 and text[:2].lower() != "0x":
            text = "0.0"             # a double zero, so that -x of x = 0 is Octave's -0
        elif isinstance(value, int):
            text = text if text[:2].lower() == "0x" else str(value)
        elif isinstance(value, complex):
            text = repr(value)
        elif value == float("inf"):
            text = "1e999"
        elif "d" in text.lower() or not any(c in text for c in ".eE"):
            text = repr(value)       # 1d3, or a long integer the lexer made a double
        return text, ATOM

    @staticmethod
    def small_exact_power(node):
        """Whether ``node`` (a ^ n) is a number literal to a literal power whose value Python's
        "**" gives exactly as a double would: |a|^n below 2^53 (``2 ** 2``, ``10 ** 2``)."""
        base, expo = node.left, node.right.value
        return (isinstance(base, P.Num) and isinstance(base.value, (int, float))
                and float(expo).is_integer() and abs(base.value) ** int(expo) < 2 ** 53)

    def x_Str(self, node, cond, end):
        return repr(node.value), ATOM

    def x_AssignExpr(self, node, cond, end):
        """``(x = value)`` inside an expression: Python's ``(x := value)``. Octave assigns and
        the expression has the value; nothing is shown."""
        if node.target is not None:
            self.error(node, f"an indexed or field assignment inside an expression is only "
                             f"supported in a chain of assignments (a(j) = {node.name}(j) = v)")
        if node.name in self.global_names:
            self.error(node, f"assigning the global '{node.name}' inside an expression is not "
                             f"supported (assign it in a statement of its own)")
        value, _ = yield node.value, False, end
        self.note_assigned([node.name])
        return f"({self.pyname(node.name)} := {value})", ATOM

    def x_Name(self, node, cond, end):
        name = node.name
        if name in self.defined:
            return self.pyname(name), ATOM
        special = self.special_name(node)
        if special:
            return special, ATOM
        f = self.user_function(name)
        if f:
            self.note_call(f)
            return self.user_call(node, f, []), ATOM
        if name in CONSTANTS:
            value = CONSTANTS[name]
            if value in RUNTIME_CONSTANTS:
                self.runtime(value)
            return value, ATOM
        if name in RUNTIME_FUNCTIONS or name in self.functions:
            return self.call(node, name, []), ATOM
        return self.undefined(node, name), ATOM

    def undefined(self, node, name):
        """A bare name that is neither a variable nor a function. Inside a block or a function,
        where the line may never run, it is Octave's run-time error at that place (``'y'
        undefined near line 7, column 5``); at the script's top level, and for a name that is
        an Octave function octakd does not translate, it is refused."""
        if name in self.assigned:
            self.error(node, f"'{name}' is used before it is assigned")
        if (self.depth > 0 or self.conditional or self.function is not None) and \
                not octave_function(name):
            return f"{self.runtime('undefined_name')}({name!r}, {node.line}, {node.col})"
        self.error(node, f"'{name}' is undefined: not a variable assigned earlier, nor a supported "
                         f"function" + (" (define it, e.g. labels = 3;)" if name == "labels" else ""))

    def x_Apply(self, node, cond, end):
        name = node.name
        if name in self.defined:
            if self.is_handle(name):
                return self.handle_call(node), ATOM
            var = self.pyname(name)
            return f"{self.runtime('index')}({var}, {self.subscripts(node, var)})", ATOM
        literal = self.literal_function_call(node)
        if literal is not None:
            return literal, ATOM
        if name == "print_usage" and self.user_function(name) is None:
            return self.print_usage_call(node), ATOM
        if name == "exist" and self.user_function(name) is None:
            literal = self.exist_call(node)
            if literal is not None:
                return literal, ATOM
        f = self.user_function(name)
        if f:
            self.note_call(f)
            return self.user_call(node, f, node.args), ATOM
        if name in CONSTANTS and name in CONSTANT_ARRAYS:       # NaN(2, 3), true(n, 1), eps(x)
            args = ", ".join([repr(name)] + [self.expr(a)[0] for a in node.args])
            return f"{self.runtime('constant_array')}({args})", ATOM
        if name in CONSTANTS:
            self.error(node, f"calling the constant '{name}' with arguments is not supported")
        if name in RUNTIME_FUNCTIONS or name in self.functions:
            return self.call(node, name, node.args, end), ATOM
        if not node.args:
            return self.undefined(node, name), ATOM
        if name in self.assigned:
            self.error(node, f"'{name}' is used before it is assigned")
        if name == "eval":                  # v = eval(text): a call, checked at run time
            return self.computed_eval(node, 1), ATOM
        if name == "isargout":
            return self.isargout_call(node), ATOM
        if name in ("MException", "throw", "getReport"):
            self.error(node, f"'{name}' does not exist in GNU Octave 7.3 (Octave: '{name}' "
                             f"undefined); use error(id, template, ...) and rethrow(err)")
        self.error(node, f"the function '{name}' is not supported (no {name}.m beside the script "
                         f"or in a --path folder, and not a built-in octakd translates)")

    def x_IndexValue(self, node, cond, end):
        """``f(x)(k)``: the runtime's indexing of the call's value (``end`` is refused there,
        it would need the value twice)."""
        for arg in node.args:
            if self._has_end(arg):
                self.error(arg, "'end' in an index of a call's result is not supported "
                                "(assign the result to a variable first)")
        self.check_spread(node.args)
        base = (yield node.base, False, end)[0]
        subs = ", ".join("':'" if isinstance(a, P.ColonAll) else self.arg_text(a, None)
                         for a in node.args)
        return f"{self.runtime('index')}({base}, {subs})", ATOM

    def x_CommandCall(self, node, cond, end):
        """Command syntax ``hold on``: the call ``hold('on')``; a variable cannot take words."""
        if node.name in self.defined:
            self.error(node, f"'{node.name}' is a variable: command syntax needs a function")
        return self.x_Apply(node, cond, end)

    def subscripts(self, node, var):
        n = len(node.args)
        out = []
        for k, arg in enumerate(node.args, start=1):
            if isinstance(arg, P.ColonAll):
                out.append("':'")
                continue
            if var is None and self._has_end(arg):
                self.error(arg, f"'end' used to index '{node.name}' before it is assigned")
            if n == 1:
                end_text = f"{self.runtime('numel')}({var})"
            elif k < n:
                end_text = f"{self.runtime('size')}({var}, {k})"
            else:
                end_text = f"{self.runtime('end_index')}({var}, {k}, {n})"
            out.append(self.arg_text(arg, end_text))
        self.check_spread(node.args)
        return ", ".join(out)

    def _has_end(self, node):
        return any(isinstance(n, P.End) for n in P.walk(node))

    def call(self, node, name, args, end=None):
        special = self.flow_call(node, name, args, end)
        if special is not None:
            return special
        check_text_call(self, node, name, args)
        self.reach_named_functions(args)
        if self.global_names and name in ("who", "whos", "save", "exist"):
            self.error(node, f"{name} in a scope with global variables is not supported (it "
                             f"would not see them: octakd keeps globals apart from the scope)")
        if name == "display" and len(args) == 1 and "display" not in self.defined:
            return self.display_call(node, args[0], end)
        if keyword.iskeyword(name):       # class(x): the runtime spells it octave_class
            name = "octave_" + name
        if name in RUNTIME_FUNCTIONS or name.removeprefix("octave_") in RUNTIME_FUNCTIONS:
            name = self.runtime(RUNTIME_RENAMED.get(name, name))
        listed = LIST_ARGUMENTS.get(name, ())
        texts = []
        for k, arg in enumerate(args):
            if isinstance(arg, P.ColonAll):
                self.error(arg, f"':' is not a valid argument of {name}")
            if k in listed and isinstance(arg, P.Matrix) and len(arg.rows) == 1:
                texts.append("[" + ", ".join(self.expr(x, False, end)[0] for x in arg.rows[0]) + "]")
            elif name == "fprintf" and k <= 1 and isinstance(args[0], P.Chain) and \
                    isinstance(arg, P.Chain):   # fprintf(c{1}, ...): a fid or a template
                texts.append(self.format_arg(arg, end))
            elif k == 0 and name in ("printf", "sprintf") or \
                    name == "fprintf" and (k == 0 and not self._is_fid(args[0]) or k == 1 and self._is_fid(args[0])):
                texts.append(self.format_arg(arg, end))
            else:
                texts.append(self.arg_text(arg, end))
        if name == "celldisp" and len(args) == 1 and isinstance(args[0], P.Name):
            texts.append(repr(args[0].name))      # Octave's inputname(1)
        return f"{name}({', '.join(texts)})"

    def display_call(self, node, arg, end):
        """``display(x)``: Octave shows a named argument as ``x = ...`` (the name as written, even
        of a function such as ``pi``), and any other expression as ``disp`` would."""
        value = self.arg_text(arg, end)
        if isinstance(arg, P.Name):
            return f"{self.runtime('display')}({arg.name!r}, {value})"
        return f"{self.runtime('disp')}({value})"

    def _is_fid(self, arg):
        return not (isinstance(arg, P.Str) or self.kind(arg) == "str")

    def format_arg(self, arg, end):
        """A printf template: Octave expands escapes of single-quoted templates itself."""
        if isinstance(arg, P.Str):
            if arg.quote == "'":
                from .runtime import do_string_escapes
                return repr(do_string_escapes(arg.value))
            return repr(arg.value)
        text = self.expr(arg, False, end)[0]
        if isinstance(arg, P.Chain):        # c{k}, s.fmt: the quote of the string is unknown
            return f"{self.runtime('held_template')}({text})"
        if isinstance(arg, P.Name) and self.kinds.get(arg.name) == "str" and self._single_quoted(arg.name):
            return f"{self.runtime('do_string_escapes')}({text})"
        if isinstance(arg, P.Matrix) and any(self._sq_text(x) for row in arg.rows for x in row):
            # Octave: joining a single-quoted string gives a single-quoted one, whose escapes
            # printf expands (``fprintf(['x = %d' '\n'], 1)`` ends with a newline)
            return f"{self.runtime('do_string_escapes')}({text})"
        return text

    def _sq_text(self, node):
        """Is ``node`` a single-quoted string literal, or a name only ever assigned one?"""
        if isinstance(node, P.Str):
            return node.quote == "'"
        return isinstance(node, P.Name) and self.kinds.get(node.name) == "str" and \
            self._single_quoted(node.name)

    def _single_quoted(self, name):
        return name in self.sq_names

    def x_End(self, node, cond, end):
        if end is None:
            self.error(node, "'end' is only supported inside the index of a variable")
        return end, ATOM

    def x_ColonAll(self, node, cond, end):
        self.error(node, "a bare ':' is only allowed as an index")

    def x_Binary(self, node, cond, end):
        node = self.codes_operands(node)
        op = node.op
        kl, kr = self.kind(node.left), self.kind(node.right)
        sub = self.sub
        if op in ("&&", "||"):
            word, level = ("and", AND) if op == "&&" else ("or", OR)
            left = yield from self.logical_operand(node.left, level, end)
            right = yield from self.logical_operand(node.right, level, end, strict=True)
            text = f"{left} {word} {right}"
            return (text, level) if cond else (f"bool({text})", ATOM)
        if "str" in (kl, kr):                 # on the character codes, as Octave
            return (yield from char_operation(self, node, end)), ATOM
        if op in ("&", "|"):
            if cond and kl == kr == "scalar":
                word, level = ("and", AND) if op == "&" else ("or", OR)
                left = yield from sub(node.left, level, end, cond)
                right = yield from sub(node.right, level, end, cond, True)
                return f"{left} {word} {right}", level
            fn = self.runtime("logical_and" if op == "&" else "logical_or")
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op in _ORDERING and not kl == kr == "scalar":    # complex arrays: Octave's order
            fn = self.runtime(_ORDERING[op])
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op in _CMP:
            left = yield from sub(node.left, CMP, end, strict=True)
            right = yield from sub(node.right, CMP, end, strict=True)
            return f"{left} {_CMP[op]} {right}", CMP
        scalar_l, scalar_r = kl == "scalar", kr == "scalar"
        if op in ("+", "-"):
            left = yield from sub(node.left, ADD, end)
            right = yield from sub(node.right, ADD, end, strict=True)
            return f"{left} {op} {right}", ADD
        if op == ".*" and scalar_l != scalar_r:           # eye(2) .* 2 is full in Octave
            fn = self.runtime("times")
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op == ".*" or (op == "*" and (scalar_l or scalar_r)):
            left = yield from sub(node.left, MUL, end)
            right = yield from sub(node.right, MUL, end, strict=True)
            return f"{left} * {right}", MUL
        if op in ("./", ".\\") or (op == "/" and scalar_r):
            num, den = (node.right, node.left) if op == ".\\" else (node.left, node.right)
            if isinstance(den, P.Num) and den.value != 0:     # Python's "/" cannot divide by 0
                left = yield from sub(num, MUL, end)
                right = yield from sub(den, MUL, end, strict=True)
                return f"{left} / {right}", MUL
            fn = self.runtime("rdivide")
            left = (yield num, False, end)[0]
            right = (yield den, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op == ".^" or (op == "^" and scalar_l and scalar_r):
            # x ** 2 squares (NumPy and Octave alike: a*a) and a scalar's "**" is C's pow, as
            # Octave's; other powers of arrays are Octave's elem_xpow (a*a*a for 3, libm's pow
            # otherwise, where NumPy's vectorised pow can differ), so they go to power()
            # A scalar's other powers go to power() too: Python's "**" raises OverflowError where
            # Octave gives Inf (1e200^2), and on ints it is exact where a double rounds
            # (123456789^2); only a literal whose power is a small exact number stays "**".
            n = node.right.value if isinstance(node.right, P.Num) else None
            if isinstance(n, (int, float)) and 0 <= n <= 64 and (
                    n in (0, 1) or (n == 2 and not scalar_l) or
                    (scalar_l and self.small_exact_power(node))):
                left = yield from sub(node.left, POW, end, strict=True)
                right = yield from sub(node.right, UNARY, end)
                return f"{left} ** {right}", POW
            # Python's "**" raises for 0 ** -1 and builds huge integers: Octave gives Inf
            fn = self.runtime("power")
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        fn = self.runtime({"*": "mtimes", "/": "mrdivide", "\\": "mldivide", "^": "mpower"}[op])
        left = (yield node.left, False, end)[0]
        right = (yield node.right, False, end)[0]
        return f"{fn}({left}, {right})", ATOM

    def logical_operand(self, node, level, end, strict=False):
        """(generator) An operand of ``and``/``or``: plain when scalar, else through ``istrue``."""
        if self.kind(node) == "scalar":
            return (yield from self.sub(node, level, end, True, strict))
        text = (yield node, True, end)[0]
        return f"{self.runtime('istrue')}({text})"

    def x_Unary(self, node, cond, end):
        if node.op in ("!", "~"):
            if cond and self.kind(node.operand) == "scalar":
                operand = yield from self.sub(node.operand, NOT, end, cond)
                return f"not {operand}", NOT
            fn = self.runtime("logical_not")
            return f"{fn}({(yield node.operand, False, end)[0]})", ATOM
        if self.kind(node.operand) == "str":
            return (yield from char_negation(self, node, end)), ATOM
        if node.op == "-" and isinstance(node.operand, P.Num) and node.operand.value == 0:
            return "-0.0", UNARY                  # Octave's -0 is a negative zero double
        operand = yield from self.sub(node.operand, UNARY, end)
        return f"{node.op}{operand}", UNARY

    def x_Postfix(self, node, cond, end):
        if self.kind(node.operand) == "scalar" and node.op != "'":   # z' conjugates a complex z
            return (yield node.operand, cond, end)
        fn = self.runtime("ctranspose" if node.op == "'" else "transpose")
        return f"{fn}({(yield node.operand, False, end)[0]})", ATOM

    def x_Range(self, node, cond, end):
        parts = [node.start] + ([node.step] if node.step else []) + [node.stop]
        return f"{self.runtime('colon')}({', '.join(self.expr(p, False, end)[0] for p in parts)})", ATOM

    def _literal_matrix(self, node):
        def literal(x):
            while isinstance(x, P.Unary) and x.op in "+-":
                x = x.operand
            return isinstance(x, P.Num) or (isinstance(x, P.Name) and x.name in
                                            ("pi", "Inf", "inf", "NaN", "nan", "eps")
                                            and x.name not in self.defined)
        widths = {len(r) for r in node.rows}
        return len(widths) == 1 and all(literal(x) for r in node.rows for x in r)

    def x_Matrix(self, node, cond, end):
        rows = node.rows
        if self.has_cs_list(node):
            return self.cs_matrix(node, end)
        if not rows:
            return f"{self.runtime('mat')}([])", ATOM
        if len(rows) == 1 and len(rows[0]) == 1:
            return self.expr(rows[0][0], cond, end)
        if self._literal_matrix(node):
            body = ", ".join("[" + ", ".join(self.expr(x, False, end)[0] for x in r) + "]" for r in rows)
            return f"{self.runtime('mat')}([{body}])", ATOM
        if len(rows) == 1 and all(isinstance(x, P.Name) and x.name in self.defined for x in rows[0]):
            args = ", ".join(self.expr(x, False, end)[0] for x in rows[0])
            return f"{self.runtime('horzcat_or_list')}({args})", ATOM
        row_texts = []
        for r in rows:
            if len(r) == 1:
                row_texts.append(self.expr(r[0], False, end)[0])
            else:
                row_texts.append(f"{self.runtime('horzcat')}({', '.join(self.expr(x, False, end)[0] for x in r)})")
        if len(rows) == 1:
            return row_texts[0], ATOM
        return f"{self.runtime('vertcat')}({', '.join(row_texts)})", ATOM
