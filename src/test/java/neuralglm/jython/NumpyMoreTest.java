package neuralglm.jython;

import org.junit.jupiter.api.Test;

/**
 * The numpy shim's wider API against numpy 1.24: ndarray methods along axes with keepdims, the operators (** with an
 * array or a number base, //, %, ~, &, |, ^, comparisons of arrays), the functions (where, joins, unique, sort,
 * quantiles, cov/corrcoef, histogram, bincount, linspace/logspace, ...), np.linalg (inv, det, solve, norm, lstsq,
 * pinv, matrix_rank), np.random's additions (shapes and kinds only: the generator is not numpy's) and numpy's
 * errors. {@code numpy_more.py} prints each result's repr, dtype and shape (a number: its kind); the expected text is
 * numpy's printout for the same file on CPython, every number within 1e-12 (det and the nuclear norm differ from
 * LAPACK's in the last bits).
 */
class NumpyMoreTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/numpy_more.py} (numpy 1.24.2). */
    private static final String NUMPY = """
            a.std float 2.1428984784372984
            a.std axis 0 float64 (3,) array([0.5  , 3.   , 2.125])
            a.std ddof 1 axis 1 float64 (2,) array([2.67316916, 2.56580072])
            a.var float 4.592013888888889
            i.var axis 1 keepdims float64 (2, 1) array([[0.66666667], |       [8.66666667]])
            a.dot(a.T) float64 (2, 2) array([[ 16.8125, -10.5   ], |       [-10.5   ,  17.25  ]])
            i.dot(i.T) int64 (2, 2) array([[14, 31], |       [31, 74]])
            v.argsort int64 (5,) array([1, 2, 4, 0, 3])
            a.argsort int64 (2, 3) array([[1, 0, 2], |       [2, 0, 1]])
            a.argsort axis 0 int64 (2, 3) array([[1, 0, 1], |       [0, 1, 0]])
            a.round(1) float64 (2, 3) array([[ 1.9, -2.5,  4. ], |       [ 0.6,  4.9, -1.2]])
            v.round float64 (6,) array([ 0.,  2.,  2., -0., -2.,  3.])
            v.round 2 float64 (3,) array([ 2.68,  1.  , -3.14])
            i.round -1 int64 (2, 3) array([[ 50,  20,  30], |       [120,   0,  80]])
            a.clip float64 (2, 3) array([[ 1.5, -1. ,  2. ], |       [ 0.5,  2. , -1. ]])
            i.clip int64 (2, 3) array([[3, 1, 2], |       [4, 1, 4]])
            a.cumsum float64 (6,) array([ 1.5 , -0.5 ,  2.75,  3.25,  7.25,  6.25])
            a.cumsum axis 1 float64 (2, 3) array([[ 1.5 , -0.5 ,  2.75], |       [ 0.5 ,  4.5 ,  3.5 ]])
            b.cumsum int64 (4,) array([1, 1, 2, 3])
            i.prod int 0
            (i+1).prod axis 0 int64 (3,) array([32,  2, 18])
            a.prod axis 1 float64 (2,) array([-9.75, -2.  ])
            b.any all tuple of 2
              [0] bool True
              [1] bool False
            (a > 0).any axis 0 bool (3,) array([ True,  True,  True])
            (a > 0).all axis 1 keepdims bool (2, 1) array([[False], |       [False]])
            a.max axis 0 float64 (3,) array([1.5 , 4.  , 3.25])
            a.min axis 1 float64 (2,) array([-2., -1.])
            a.max keepdims float64 (2, 1) array([[3.25], |       [4.  ]])
            i.max int 7
            i.min axis 0 int64 (3,) array([3, 0, 2])
            a.argmax axis 0 int64 (3,) array([0, 1, 0])
            a.argmin int 1
            i.argmax axis 1 int64 (2,) array([0, 0])
            a.sum keepdims float64 (1, 3) array([[2.  , 2.  , 2.25]])
            i.sum axis 1 int64 (2,) array([ 6, 12])
            a.mean axis 1 keepdims float64 (2, 1) array([[0.91666667], |       [1.16666667]])
            i.mean float 3.0
            squeeze float64 (2,) array([1., 2.])
            squeeze axis int64 (3,) array([1, 2, 3])
            tolist list of 2
              [0] list of 3
              [0] int 3
              [1] int 1
              [2] int 2
              [1] list of 3
              [0] int 7
              [1] int 0
              [2] int 5
            item int 7
            b.sum int 3
            2 ** i int64 (5,) array([ 1,  2,  4,  8, 16])
            2.0 ** v float64 (5,) array([ 4.        ,  0.35355339,  1.18920712, 16.        ,  2.        ])
            v ** array float64 (3,) array([1.41421356, 9.        , 0.25      ])
            i ** 2 int64 (2, 3) array([[ 9,  1,  4], |       [49,  0, 25]])
            i ** array int64 (2,) array([8, 9])
            (-8) ** 1/3 float64 (2,) array([nan,  2.])
            i // 4 int64 (2, 3) array([[0, 0, 0], |       [1, 0, 1]])
            -i // 4 int64 (2, 3) array([[-1, -1, -1], |       [-2,  0, -2]])
            a // 1.5 float64 (2, 3) array([[ 1., -2.,  2.], |       [ 0.,  2., -1.]])
            i % 4 int64 (2, 3) array([[3, 1, 2], |       [3, 0, 1]])
            -i % 4 int64 (2, 3) array([[1, 3, 2], |       [1, 0, 3]])
            a % -1.5 float64 (2, 3) array([[-0.  , -0.5 , -1.25], |       [-1.  , -0.5 , -1.  ]])
            7 // i int64 (3,) array([ 3,  2, -2])
            7.5 % v float64 (2,) array([ 1.5, -1.5])
            ~b bool (4,) array([False,  True, False, False])
            b & b bool (4,) array([ True, False, False,  True])
            b | b bool (4,) array([ True, False,  True,  True])
            b ^ b bool (4,) array([False, False,  True, False])
            a > a.T row bool (2, 3) array([[ True, False,  True], |       [False,  True, False]])
            i == i col bool (2, 3) array([[ True, False, False], |       [False,  True, False]])
            i != 2 bool (2, 3) array([[ True,  True, False], |       [ True,  True,  True]])
            a <= a bool (3,) array([False,  True, False])
            -b int64 (2,) array([-1, -2])
            i * 2.5 float64 (2, 3) array([[ 7.5,  2.5,  5. ], |       [17.5,  0. , 12.5]])
            i / 2 float64 (2, 3) array([[1.5, 0.5, 1. ], |       [3.5, 0. , 2.5]])
            dot 1-d float 23.3125
            dot int 1-d int 32
            dot 2-d 1-d float64 (2,) array([7.25, 5.5 ])
            dot 1-d 2-d int64 (3,) array([17,  1, 12])
            dot scalar int64 (2, 3) array([[ 6,  2,  4], |       [14,  0, 10]])
            matmul int64 (2, 2) array([[14, 31], |       [31, 74]])
            where 1 tuple of 1
              [0] int64 (3,) array([0, 3, 4])
            where 2-d tuple of 2
              [0] int64 (4,) array([0, 0, 1, 1])
              [1] int64 (4,) array([0, 2, 0, 1])
            where 3 float64 (2, 3) array([[1.5 , 0.  , 3.25], |       [0.5 , 4.  , 0.  ]])
            where 3 ints int64 (2, 3) array([[ 3, -1, -1], |       [ 7, -1,  5]])
            where 3 mix float64 (4,) array([1. , 0.5, 1. , 1. ])
            concatenate int64 (4, 3) array([[ 3,  1,  2], |       [ 7,  0,  5], |       [ 6,  2,  4], |       [14,  0, 10]])
            concatenate axis 1 float64 (2, 6) array([[ 1.5 , -2.  ,  3.25,  3.  ,  1.  ,  2.  ], |       [ 0.5 ,  4.  , -1.  ,  7.  ,  0.  ,  5.  ]])
            concatenate 1-d float64 (7,) array([ 2.  , -1.5 ,  0.25,  4.  ,  1.  ,  9.  ,  8.  ])
            concatenate None float64 (12,) array([ 3.  ,  1.  ,  2.  ,  7.  ,  0.  ,  5.  ,  1.5 , -2.  ,  3.25, |        0.5 ,  4.  , -1.  ])
            stack float64 (2, 5) array([[ 2.  , -1.5 ,  0.25,  4.  ,  1.  ], |       [ 4.  , -3.  ,  0.5 ,  8.  ,  2.  ]])
            stack axis 1 int64 (2, 2) array([[1, 3], |       [2, 4]])
            vstack int64 (3, 3) array([[1, 2, 3], |       [3, 1, 2], |       [7, 0, 5]])
            hstack float64 (3,) array([1. , 2. , 3.5])
            hstack 2-d float64 (2, 6) array([[ 3.  ,  1.  ,  2.  ,  1.5 , -2.  ,  3.25], |       [ 7.  ,  0.  ,  5.  ,  0.5 ,  4.  , -1.  ]])
            column_stack int64 (2, 3) array([[1, 3, 5], |       [2, 4, 6]])
            clip float64 (5,) array([1.5 , 0.  , 0.25, 1.5 , 1.  ])
            clip none int64 (2, 3) array([[3, 1, 2], |       [3, 0, 3]])
            round float64 (3,) array([ 1.25,  2.35, -0.12])
            around float 2.0
            unique int64 (3,) array([1, 2, 3])
            unique counts tuple of 2
              [0] int64 (3,) array([1, 2, 3])
              [1] int64 (3,) array([3, 1, 2])
            unique inverse tuple of 2
              [0] float64 (3,) array([-1. ,  1. ,  2.5])
              [1] int64 (4,) array([2, 1, 2, 0])
            unique all tuple of 4
              [0] int64 (2,) array([4, 5])
              [1] int64 (2,) array([1, 0])
              [2] int64 (3,) array([1, 0, 1])
              [3] int64 (2,) array([1, 2])
            sort float64 (2, 3) array([[-2.  ,  1.5 ,  3.25], |       [-1.  ,  0.5 ,  4.  ]])
            sort axis 0 float64 (2, 3) array([[ 0.5 , -2.  , -1.  ], |       [ 1.5 ,  4.  ,  3.25]])
            sort None int64 (6,) array([0, 1, 2, 3, 5, 7])
            sort nan float64 (3,) array([-1.,  2., nan])
            argsort int64 (4,) array([1, 3, 2, 0])
            cumsum int64 (2, 3) array([[ 3,  1,  2], |       [10,  1,  7]])
            cumprod float64 (3,) array([ 1.5,  3. , -3. ])
            cumprod int int64 (6,) array([ 3,  3,  6, 42,  0,  0])
            diff float64 (4,) array([-3.5 ,  1.75,  3.75, -3.  ])
            diff 2 int64 (2,) array([2, 2])
            diff axis 0 float64 (1, 3) array([[-1.  ,  6.  , -4.25]])
            prod float -3.0
            any bool True
            all axis bool (3,) array([ True, False,  True])
            isnan bool (5,) array([False,  True, False, False, False])
            isinf bool (5,) array([False, False,  True,  True, False])
            isfinite bool (5,) array([ True, False, False, False,  True])
            isnan scalar bool True
            nan_to_num float64 (5,) array([ 1.00000000e+000,  0.00000000e+000,  1.79769313e+308, |       -1.79769313e+308, -2.50000000e+000])
            nan_to_num args float64 (5,) array([ 1. , -1. ,  9. , -9. , -2.5])
            log1p float64 (4,) array([0.00000000e+00, 1.00000000e-10, 6.93147181e-01,           -inf])
            expm1 float64 (3,) array([0.00000000e+00, 1.00000000e-10, 1.71828183e+00])
            log2 float64 (3,) array([0.        , 3.        , 3.32192809])
            log10 float64 (3,) array([  0.,   3., -inf])
            log10 scalar float 2.0
            power int64 (2, 3) array([[ 9,  1,  4], |       [49,  0, 25]])
            power float float64 (3,) array([0.5, 1. , 8. ])
            maximum float64 (2, 3) array([[1.5 , 0.  , 3.25], |       [0.5 , 4.  , 0.  ]])
            maximum ints int64 (2, 3) array([[3, 2, 2], |       [7, 2, 5]])
            minimum nan float64 (2,) array([ 0., nan])
            floor float64 (2, 3) array([[ 1., -2.,  3.], |       [ 0.,  4., -1.]])
            floor int float64 (2, 3) array([[3., 1., 2.], |       [7., 0., 5.]])
            ceil float64 (3,) array([-1.,  1.,  2.])
            sign float64 (2, 3) array([[ 1., -1.,  1.], |       [ 1.,  1., -1.]])
            sign int int64 (3,) array([-1,  0,  1])
            square int64 (2, 3) array([[ 9,  1,  4], |       [49,  0, 25]])
            square float float64 (5,) array([ 4.    ,  2.25  ,  0.0625, 16.    ,  1.    ])
            exp log sqrt tuple of 3
              [0] float64 (2,) array([1.        , 2.71828183])
              [1] float64 (2,) array([0., 1.])
              [2] float64 (2,) array([2., 3.])
            percentile float 0.39999999999999997
            percentile list float64 (5,) array([-1.5 ,  0.25,  1.  ,  2.  ,  4.  ])
            percentile axis float64 (2,) array([0.8, 0.2])
            quantile float 1.75
            quantile axis 0 float64 (3,) array([1.   , 1.   , 1.125])
            quantile list axis float64 (2, 2) array([[-1.3, -0.7], |       [ 2.9,  3.3]])
            median float 1.0
            median axis float64 (2,) array([2., 5.])
            median even float 2.5
            var float 5.666666666666667
            var ddof float64 (3,) array([ 0.5    , 18.     ,  9.03125])
            std float 2.043281674170255
            cov float64 (2, 2) array([[ 7.14583333, -6.85416667], |       [-6.85416667,  6.58333333]])
            cov 1-d float64 () array(4.175)
            cov x y float64 (2, 2) array([[ 2.33333333, -1.08333333], |       [-1.08333333,  0.58333333]])
            cov rowvar float64 (2, 2) array([[ 7.14583333, -6.85416667], |       [-6.85416667,  6.58333333]])
            cov bias float64 (2, 2) array([[0.66666667, 2.33333333], |       [2.33333333, 8.66666667]])
            corrcoef float64 (2, 2) array([[ 1.        , -0.99932165], |       [-0.99932165,  1.        ]])
            corrcoef x y float64 (2, 2) array([[ 1.        , -0.92857143], |       [-0.92857143,  1.        ]])
            eye float64 (3, 3) array([[1., 0., 0.], |       [0., 1., 0.], |       [0., 0., 1.]])
            eye k int64 (2, 3) array([[0, 1, 0], |       [0, 0, 1]])
            identity float64 (2, 2) array([[1., 0.], |       [0., 1.]])
            diag int64 (3, 3) array([[1, 0, 0], |       [0, 2, 0], |       [0, 0, 3]])
            diag k float64 (3, 3) array([[0. , 0. , 0. ], |       [1.5, 0. , 0. ], |       [0. , 2. , 0. ]])
            diag of 2-d float64 (2,) array([1.5, 4. ])
            diag of 2-d k int64 (2,) array([1, 5])
            outer int64 (2, 3) array([[ 3,  4,  5], |       [ 6,  8, 10]])
            outer float float64 (2, 6) array([[ 3.   , -4.   ,  6.5  ,  1.   ,  8.   , -2.   ], |       [-2.25 ,  3.   , -4.875, -0.75 , -6.   ,  1.5  ]])
            meshgrid list of 2
              [0] int64 (2, 3) array([[1, 2, 3], |       [1, 2, 3]])
              [1] float64 (2, 3) array([[10., 10., 10.], |       [20., 20., 20.]])
            meshgrid ij list of 2
              [0] int64 (2, 3) array([[1, 1, 1], |       [2, 2, 2]])
              [1] int64 (2, 3) array([[5, 6, 7], |       [5, 6, 7]])
            tile int64 (6,) array([1, 2, 1, 2, 1, 2])
            tile 2-d int64 (2, 4) array([[1, 2, 1, 2], |       [1, 2, 1, 2]])
            tile of 2-d int64 (2, 6) array([[3, 1, 2, 3, 1, 2], |       [7, 0, 5, 7, 0, 5]])
            repeat int64 (4,) array([1, 1, 2, 2])
            repeat 2-d int64 (12,) array([3, 3, 1, 1, 2, 2, 7, 7, 0, 0, 5, 5])
            repeat axis 0 float64 (3, 3) array([[ 1.5 , -2.  ,  3.25], |       [ 0.5 ,  4.  , -1.  ], |       [ 0.5 ,  4.  , -1.  ]])
            repeat axis 1 int64 (2, 6) array([[3, 3, 1, 1, 2, 2], |       [7, 7, 0, 0, 5, 5]])
            full_like int64 (2, 3) array([[2, 2, 2], |       [2, 2, 2]])
            full_like float float64 (2, 3) array([[7., 7., 7.], |       [7., 7., 7.]])
            empty_like shape tuple of 2
              [0] int 2
              [1] int 3
            zeros_like int64 (2, 3) array([[0, 0, 0], |       [0, 0, 0]])
            count_nonzero int 3
            count_nonzero axis int64 (3,) array([0, 1, 2])
            allclose bool True
            allclose no bool False
            isclose bool (3,) array([ True, False, False])
            isclose nan bool (2,) array([ True,  True])
            array_equal tuple of 3
              [0] bool True
              [1] bool False
              [2] bool True
            argwhere int64 (3, 2) array([[0, 0], |       [1, 0], |       [1, 2]])
            argwhere 1-d int64 (3, 1) array([[0], |       [3], |       [4]])
            nonzero tuple of 1
              [0] int64 (2,) array([1, 3])
            nonzero 2-d tuple of 2
              [0] int64 (5,) array([0, 0, 0, 1, 1])
              [1] int64 (5,) array([0, 1, 2, 0, 2])
            searchsorted int 1
            searchsorted right int64 (3,) array([3, 0, 4])
            histogram tuple of 2
              [0] int64 (10,) array([1, 1, 1, 0, 2, 0, 0, 0, 1, 1])
              [1] float64 (11,) array([0.5 , 0.85, 1.2 , 1.55, 1.9 , 2.25, 2.6 , 2.95, 3.3 , 3.65, 4.  ])
            histogram bins tuple of 2
              [0] int64 (3,) array([3, 1, 1])
              [1] float64 (4,) array([1.        , 2.33333333, 3.66666667, 5.        ])
            histogram range tuple of 2
              [0] int64 (4,) array([1, 0, 1, 2])
              [1] float64 (5,) array([-2., -1.,  0.,  1.,  2.])
            histogram edges tuple of 2
              [0] int64 (3,) array([2, 1, 2])
              [1] int64 (4,) array([0, 1, 2, 3])
            histogram density tuple of 2
              [0] float64 (2,) array([0.625     , 0.20833333])
              [1] float64 (3,) array([0.1, 1.3, 2.5])
            bincount int64 (4,) array([1, 2, 0, 1])
            bincount weights float64 (6,) array([0.5 , 3.  , 0.  , 0.25, 0.  , 0.  ])
            linspace float64 (5,) array([0.  , 0.25, 0.5 , 0.75, 1.  ])
            linspace no end float64 (5,) array([0. , 0.2, 0.4, 0.6, 0.8])
            linspace thirds float64 (7,) array([-1. , -0.5,  0. ,  0.5,  1. ,  1.5,  2. ])
            linspace retstep tuple of 2
              [0] float64 (4,) array([2.        , 2.33333333, 2.66666667, 3.        ])
              [1] float 0.3333333333333333
            logspace float64 (4,) array([   1.,   10.,  100., 1000.])
            logspace base 2 float64 (3,) array([1.        , 1.25992105, 1.58740105])
            inv float64 (3, 3) array([[ 0.33522727, -0.09090909, -0.125     ], |       [-0.09090909,  0.36363636,  0.        ], |       [-0.125     ,  0.        ,  0.25      ]])
            inv int float64 (2, 2) array([[ 1., -1.], |       [-1.,  2.]])
            det float 44.000000000000014
            det 2 float -2.0000000000000004
            solve float64 (3,) array([-0.22159091,  0.63636364,  0.625     ])
            solve 2-d float64 (3, 2) array([[ 0.21022727, -0.21590909], |       [-0.09090909,  0.36363636], |       [ 0.125     ,  0.25      ]])
            norm float 4.828301978956992
            norm 2-d float 5.836308764964376
            norm ord 1 float 8.75
            norm inf float 4.0
            norm axis float64 (2,) array([4.10030487, 4.15331193])
            norm axis 0 float64 (3,) array([1.58113883, 4.47213595, 3.40036763])
            norm matrix 1 float 6.0
            norm matrix inf float 6.75
            norm matrix 2 float 6.8312544306982055
            norm nuc float 7.802425312593712
            lstsq tuple of 4
              [0] float64 (2,) array([1.15, 1.  ])
              [1] float64 (1,) array([0.21])
              [2] int 2
              [3] float64 (2,) array([4.10003045, 1.09075677])
            lstsq 2-d b float64 (2, 2) array([[1.15, 2.3 ], |       [1.  , 2.  ]])
            pinv float64 (2, 4) array([[ 0.7,  0.4,  0.1, -0.2], |       [-0.3, -0.1,  0.1,  0.3]])
            pinv rank 1 float64 (2, 2) array([[0.04, 0.08], |       [0.08, 0.16]])
            matrix_rank int 1
            randint shape tuple of 3
              [0] tuple of 2
              [0] int 2
              [1] int 3
              [1] str 'int64'
              [2] bool True
            randint scalar bool True
            choice tuple of 3
              [0] tuple of 1
              [0] int 5
              [1] str 'int64'
              [2] bool True
            choice no replace list of 6
              [0] int 0
              [1] int 1
              [2] int 2
              [3] int 3
              [4] int 4
              [5] int 5
            choice p int64 (4,) array([1, 1, 1, 1])
            shuffle list of 6
              [0] int 0
              [1] int 1
              [2] int 2
              [3] int 3
              [4] int 4
              [5] int 5
            permutation list of 5
              [0] int 0
              [1] int 1
              [2] int 2
              [3] int 3
              [4] int 4
            rand randn uniform tuple of 3
              [0] tuple of 2
              [0] int 2
              [1] int 3
              [1] tuple of 1
              [0] int 4
              [2] tuple of 1
              [0] int 3
            matmul mismatch ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)
            dot not aligned ValueError: shapes (2,3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)
            broadcast ValueError: operands could not be broadcast together with shapes (2,3) (2,)
            negative int power ValueError: Integers to negative integer powers are not allowed.
            singular LinAlgError: Singular matrix
            singular solve LinAlgError: Singular matrix
            not square LinAlgError: Last 2 dimensions of the array must be square
            axis AxisError: axis 2 is out of bounds for array of dimension 2
            truth ValueError: The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()
            quantile range ValueError: Quantiles must be in the range [0, 1]
            where one ValueError: either both or neither of x and y should be given
            bincount negative ValueError: 'list' argument must have no negative elements
            squeeze ValueError: cannot select an axis to squeeze out which has size not equal to one
            invert float TypeError: ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''
            clip ValueError: One of max or min must be given
            """;

    @Test
    void resultsValuesDtypesAndShapesFollowNumpy() {
        PyTorchPrintout.assertSame(NUMPY, PyTorchPrintout.run("numpy_more.py"), 1e-12);
    }
}
