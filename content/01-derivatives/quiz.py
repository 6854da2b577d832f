"""Quiz items for question 1: derivatives of f(x) = x and g(x) = xᵀx by x ∈ ℝⁿ."""

from tutor.answers.spec import Alternative, ExpressionSpec, identity, size, vector
from tutor.quiz.items import QuizItem

FORGOT_2 = {
    "ru": "Потерян множитель: проверьте ещё раз производную квадрата xᵢ².",
    "en": "A factor is missing: check the derivative of the square xᵢ² again.",
}

ITEMS = [
    QuizItem(
        id="1a",
        question=1,
        part="1a",
        kind="expression",
        prompt={
            "ru": "Чему равна производная f(x) = x по x ∈ ℝⁿ? (матрицы пишутся их обычными обозначениями)",
            "en": "What is the derivative of f(x) = x with respect to x ∈ ℝⁿ? (write matrices by their usual names)",
        },
        hints=(
            {"ru": "Производная вектора по вектору — матрица Якоби из ∂fᵢ/∂xⱼ.",
             "en": "The derivative of a vector with respect to a vector is the Jacobian matrix of ∂fᵢ/∂xⱼ."},
            {"ru": "Здесь fᵢ = xᵢ, так что ∂fᵢ/∂xⱼ равно 1 при i = j и 0 иначе.",
             "en": "Here fᵢ = xᵢ, so ∂fᵢ/∂xⱼ is 1 when i = j and 0 otherwise."},
            {"ru": "Какая матрица n×n имеет единицы на диагонали и нули вне её?",
             "en": "Which n×n matrix has ones on the diagonal and zeros elsewhere?"},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer="I",
            symbols={"x": vector("n"), "I": identity("n"), "n": size("n")},
            what={"ru": "производная вектора по вектору", "en": "the derivative of a vector with respect to a vector"},
            mistakes=(
                Alternative("scalar-one", "1", {
                    "ru": "1 — производная x по x, когда x — число. Для вектора x ∈ ℝⁿ производная — матрица Якоби n×n из ∂xᵢ/∂xⱼ.",
                    "en": "1 is the derivative of x with respect to x when x is a number. For a vector x ∈ ℝⁿ the derivative is the n×n Jacobian of ∂xᵢ/∂xⱼ."}),
                Alternative("function-itself", "x", {
                    "ru": "Это сама функция f(x), а не её производная.",
                    "en": "That is the function f(x) itself, not its derivative."}),
                Alternative("zero", "0", {
                    "ru": "x зависит от x: каждая компонента xᵢ меняется при изменении xᵢ, поэтому производная не ноль.",
                    "en": "x depends on x: each component xᵢ changes with xᵢ, so the derivative is not zero."}),
            ),
        ),
    ),
    QuizItem(
        id="1b",
        question=1,
        part="1b",
        kind="expression",
        prompt={
            "ru": "Чему равна производная g(x) = xᵀx по x ∈ ℝⁿ?",
            "en": "What is the derivative of g(x) = xᵀx with respect to x ∈ ℝⁿ?",
        },
        hints=(
            {"ru": "Сначала распишите xᵀx как сумму: x₁² + … + xₙ².",
             "en": "First write xᵀx as a sum: x₁² + … + xₙ²."},
            {"ru": "От xᵢ зависит только слагаемое xᵢ² этой суммы: продифференцируйте его.",
             "en": "Only the term xᵢ² of the sum depends on xᵢ: differentiate it."},
            {"ru": "Соберите частные производные в вектор.", "en": "Collect the partial derivatives into a vector."},
        ),
        points=0.5,
        spec=ExpressionSpec(
            answer="2x",
            symbols={"x": vector("n"), "I": identity("n"), "n": size("n")},
            what={"ru": "градиент скалярной функции", "en": "the gradient of a scalar function"},
            conventions=(
                Alternative("jacobian-row", "2x^T", {
                    "ru": "2xᵀ — производная в раскладке по числителю (строка матрицы Якоби, 1×n); в раскладке по знаменателю градиент — столбец, транспонированная строка.",
                    "en": "2xᵀ is the derivative in numerator layout (the 1×n Jacobian row); in denominator layout the gradient is a column, the transposed row."}),
            ),
            mistakes=(
                Alternative("forgot-2", "x", FORGOT_2),
                Alternative("forgot-2", "x^T", FORGOT_2),
                Alternative("function-not-derivative", "x^T x", {
                    "ru": "xᵀx — это сама функция g(x) (сумма квадратов), а нужна её производная.",
                    "en": "xᵀx is the function g(x) itself (a sum of squares); the question asks for its derivative."}),
                Alternative("hessian", "2I", {
                    "ru": "2I — вторая производная (матрица Гессе), а нужна первая: у скалярной функции от x ∈ ℝⁿ это вектор из n компонент.",
                    "en": "2I is the second derivative (the Hessian); the question asks for the first, which for a scalar function of x ∈ ℝⁿ is a vector of n entries."}),
                Alternative("scalar-rule", "2", {
                    "ru": "Производная скалярной функции по x ∈ ℝⁿ — вектор из n компонент ∂g/∂xᵢ, а не число.",
                    "en": "The derivative of a scalar function with respect to x ∈ ℝⁿ is a vector of n entries ∂g/∂xᵢ, not a number."}),
            ),
        ),
    ),
]

EXAMPLES = {
    "1a": {
        "accept": ["I", "E", "Е", "eye(n)", "I_n", "Iₙ", "Id", "identity", "I^2", "I·I", "2I - I", "(I)", "Iᵀ"],
        "reject": [("1", "scalar-one"), ("x", "function-itself"), ("0", "zero"), ("2I", None), ("-I", None),
                   ("x^T", None), ("x x^T", None), ("I + x x^T", None), ("xᵀx", None)],
    },
    "1b": {
        "accept": ["2x", "2 x", "2*x", "x*2", "x+x", "2·x", "(2)x", "\\frac{2}{1}x", "4x/2", "2 I x",
                   ("2x^T", "jacobian-row"), ("2xᵀ", "jacobian-row"), ("x^T + x'", "jacobian-row")],
        "reject": [("x", "forgot-2"), ("xᵀ", "forgot-2"), ("x^T x", "function-not-derivative"),
                   ("xᵀx", "function-not-derivative"), ("2I", "hessian"), ("2", "scalar-rule"),
                   ("-2x", None), ("x^2", None), ("2x^T x", None), ("3x", None)],
    },
}


# Other ways students write the same answers: pasted from LaTeX, a PDF, numpy or PyTorch
# code, typed on a phone or a Russian layout (tests/test_answers_items.py runs them all).
EXAMPLES["1a"]["accept"] += [
    'I_{n}', 'I_{n\\times n}', '\\mathbb{I}', '\\mathbf{I}', '𝐈', 'np.eye(n)', 'torch.eye(n)',
    'eye(n,n)', 'I_{n \\times n}', 'E_n', 'Е_n', '\\mathrm{I}', 'I_nxn', '∂f/∂x = I',
    'df/dx = I', '\\frac{\\partial f}{\\partial x} = I', 'J = I', 'I_{nxn}',
]
EXAMPLES["1a"]["reject"] += [
    ('xx^T', None), ('I x', 'function-itself'), ('x/x', None),
]
EXAMPLES["1b"]["accept"] += [
    'x·2', ('2x^{T}', 'jacobian-row'), ('2x^\\top', 'jacobian-row'), '2\\mathbf{x}', '2\\vec{x}',
    '2 \\boldsymbol{x}', 'x + x', ('2 x.T', 'jacobian-row'), ('2*x.T', 'jacobian-row'), '2⋅x',
    '2×x', '2\\cdot x', '2 \\cdot \\mathbf{x}', '2\\bm{x}', '∇g = 2x', "g'(x) = 2x", '2 * x',
    '2 @ x', '2.0*x', '2x_i', '2 \\vec x', '2х', '\\nabla_x g = 2x', '2(x)',
    ("2x'", 'jacobian-row'), '[2x]', '{2x}', ('2x^{\\top}', 'jacobian-row'),
    ('2x^{\\intercal}', 'jacobian-row'), ('2x^\\intercal', 'jacobian-row'), '2\\,x',
    ('2 \\cdot x^{T}', 'jacobian-row'),
]
EXAMPLES["1b"]["reject"] += [
    ('x^T', 'forgot-2'), ('x_i x_i', None), ('2 x_i x_i', None),
]
# an in-place update is not a derivative: refused, not judged (the optimizer items read it)
EXAMPLES["1b"]["unreadable"] = [("x += x", "'+='"), ("x -= 2x", "'-='")]
# a product of two vectors with neither ᵀ nor ⊙ is a typo, refused with both readings suggested
# (not an attempt); written with one index on each (x_i x_i) it is the componentwise product
EXAMPLES["1b"]["unreadable"] += [
    ("xx", "xᵀx"), ("x x", "xᵀx"), ("x*x", "xᵀx"), ("х х", "xᵀx"), ("x·x", "x ⊙ x"), ("2xx", "⊙"),
    ("2 x x", "⊙"), ("x(x)", "xᵀx"),
]
# the identity as numpy, PyTorch and textbooks write it; n is the question's own size (x ∈ ℝⁿ)
EXAMPLES["1a"]["accept"] += [
    'np.identity(n)', 'identity(n)', 'eye(len(x))', 'np.eye(x.shape[0])', 'torch.eye(x.numel())', 'np.eye(x.size)',
    'torch.eye(len(x))', 'diag(1, …, 1)', 'diag(1,...,1)', '\\operatorname{diag}(1, \\dots, 1)', 'diag(1, 1, …, 1)',
    'δ_ij', 'δᵢⱼ', '\\delta_{ij}', 'δ_{ji}', 'Id(n)', 'I_{n}', 'diag(2, …, 2)/2', 'E_{n×n}', '[δ_ij]',
]
EXAMPLES["1a"]["reject"] += [
    ('n', None), ('nI', None), ('diag(x)', None), ('diag(1, 1, 1)', None), ('diag(2, …, 2)', None),
    ('len(x)', None), ('δ_ij x', 'function-itself'),
]
EXAMPLES["1a"]["unreadable"] = [('diag(1, …, 2)', 'diag(c, …, c)'), ('1 + …', 'diag(c, …, c)'), ('δ', 'δ')]
EXAMPLES["1b"]["accept"] += ['2 eye(n) x', '2 np.identity(len(x)) @ x', '2 diag(1, …, 1) x', '2 δ_ij x']
EXAMPLES["1b"]["reject"] += [('2n', None), ('n x', None)]
