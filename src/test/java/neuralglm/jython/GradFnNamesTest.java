package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A tensor's {@code grad_fn} as PyTorch 1.13 shows it: the printed name of 191 operations' results (arithmetic,
 * reductions, views, indexing, products, activations as functions and modules, {@code nn.Linear} on 1-d and 2-d inputs,
 * losses with each reduction, norms, linear algebra, special functions), with PyTorch's overload digit ({@code SumBackward0} of a whole sum,
 * {@code SumBackward1} along a dimension), also where the bridge composes the operation of several ({@code mse_loss}
 * shows {@code MseLossBackward0}, not its last mean's name); and the {@code grad_fn} object: {@code name()},
 * {@code next_functions} down to a leaf's {@code AccumulateGrad}, one object per operation, its printout. The script
 * {@code src/test/resources/neuralglm/jython/grad_fn_names.py} prints the same lines on PyTorch.
 */
class GradFnNamesTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/grad_fn_names.py} (PyTorch 1.13.0a0). */
    private static final String PYTORCH = """
            x+y | AddBackward0
            x+1 | AddBackward0
            1+x | AddBackward0
            x-y | SubBackward0
            x-1 | SubBackward0
            1-x | RsubBackward1
            x*y | MulBackward0
            x*2 | MulBackward0
            x/y | DivBackward0
            x/2 | DivBackward0
            2/x | MulBackward0
            -x | NegBackward0
            x**2 | PowBackward0
            x**y | PowBackward1
            2**x | PowBackward1
            x.exp() | ExpBackward0
            x.abs().log() | LogBackward0
            x.sum() | SumBackward0
            x.sum(0) | SumBackward1
            x.mean() | MeanBackward0
            x.mean(0) | MeanBackward1
            x.sum(1, keepdim=True) | SumBackward1
            x.mean(1, keepdim=True) | MeanBackward1
            x.mm(y) | MmBackward0
            x.t() | TBackward0
            x.T | PermuteBackward0
            x.view(4) | ViewBackward0
            x.reshape(4) | ReshapeAliasBackward0
            x.flatten() | ReshapeAliasBackward0
            x.relu() | ReluBackward0
            F.relu(x) | ReluBackward0
            nn.ReLU()(x) | ReluBackward0
            torch.sigmoid(x) | SigmoidBackward0
            torch.tanh(x) | TanhBackward0
            F.softmax(x, 1) | SoftmaxBackward0
            F.log_softmax(x, 1) | LogSoftmaxBackward0
            lin(x) | AddmmBackward0
            lin(v) | AddBackward0
            lin0(x) | MmBackward0
            lin0(v) | SqueezeBackward3
            nn.Sequential(nn.Linear(2,3), nn.ReLU(), nn.Linear(3,1))(x) | AddmmBackward0
            nn.Sequential(nn.Linear(2,3), nn.Sigmoid())(x) | SigmoidBackward0
            nn.Sigmoid()(x) | SigmoidBackward0
            nn.Tanh()(x) | TanhBackward0
            nn.Softplus()(x) | SoftplusBackward0
            nn.ELU()(x) | EluBackward0
            nn.LeakyReLU()(x) | LeakyReluBackward0
            nn.Softmax(1)(x) | SoftmaxBackward0
            nn.LogSoftmax(1)(x) | LogSoftmaxBackward0
            nn.SELU()(x) | EluBackward0
            nn.GELU()(x) | GeluBackward0
            nn.SiLU()(x) | SiluBackward0
            F.mse_loss(x, y) | MseLossBackward0
            F.mse_loss(x, y, reduction="sum") | MseLossBackward0
            F.mse_loss(x, y, reduction="none") | MseLossBackward0
            F.l1_loss(x, y) | MeanBackward0
            F.binary_cross_entropy(p, y) | BinaryCrossEntropyBackward0
            F.binary_cross_entropy_with_logits(x, y) | BinaryCrossEntropyWithLogitsBackward0
            F.cross_entropy(x, c) | NllLossBackward0
            F.cross_entropy(x, c, reduction="none") | NllLossBackward0
            F.cross_entropy(x[0], c[0]) | NllLossBackward0
            F.nll_loss(x, c) | NllLossBackward0
            F.smooth_l1_loss(x, y) | SmoothL1LossBackward0
            F.huber_loss(x, y) | HuberLossBackward0
            nn.MSELoss()(x, y) | MseLossBackward0
            nn.CrossEntropyLoss()(x, c) | NllLossBackward0
            nn.BCEWithLogitsLoss()(x, y) | BinaryCrossEntropyWithLogitsBackward0
            nn.PoissonNLLLoss()(x, y) | MeanBackward0
            F.soft_margin_loss(x, y) | SoftMarginLossBackward0
            x.max() | MaxBackward1
            x.max(0)[0] | MaxBackward0
            x.min() | MinBackward1
            x.clamp(min=0) | ClampBackward1
            x.clamp(0, 1) | ClampBackward1
            x.abs() | AbsBackward0
            x.abs().sqrt() | SqrtBackward0
            x.pow(0.5) | PowBackward0
            x[0] | SelectBackward0
            x[:, 1:] | SliceBackward0
            x[0, 1:] | SliceBackward0
            x[1:, 0] | SelectBackward0
            x[[1, 0]] | IndexBackward0
            x[x > 0] | IndexBackward0
            x[:, 1] | SelectBackward0
            x[::2] | SliceBackward0
            torch.cat([x, x]) | CatBackward0
            torch.stack([v, v]) | StackBackward0
            v.unsqueeze(0) | UnsqueezeBackward0
            x[0:1].squeeze() | SqueezeBackward0
            x[0:1].squeeze(0) | SqueezeBackward1
            x.var() | VarBackward0
            x.std() | StdBackward0
            x.var(0) | VarBackward0
            x.norm() | NormBackward1
            x.norm(dim=1) | NormBackward1
            F.softplus(x) | SoftplusBackward0
            x[0:1].expand(2, 2) | ExpandBackward0
            x.clone() | CloneBackward0
            v.dot(v) | DotBackward0
            x.logsumexp(1) | LogsumexpBackward0
            x.gather(1, torch.tensor([[0], [1]])) | GatherBackward0
            F.elu(x) | EluBackward0
            F.leaky_relu(x) | LeakyReluBackward0
            torch.where(x > 0, x, y) | WhereBackward0
            x.abs().log1p() | Log1PBackward0
            x.transpose(0, 1) | TransposeBackward0
            x.permute(1, 0) | PermuteBackward0
            torch.mv(x, v) | MvBackward0
            torch.matmul(x, v) | MvBackward0
            torch.matmul(v, x) | SqueezeBackward3
            torch.addmm(x, x, y) | AddmmBackward0
            x.flip(0) | FlipBackward0
            x.repeat(2, 1) | RepeatBackward0
            x.amax(0) | AmaxBackward0
            x.chunk(2)[0] | SplitBackward0
            x.split(1)[0] | SplitBackward0
            x.split([1, 1])[0] | SplitWithSizesBackward0
            x.unbind(0)[0] | UnbindBackward0
            torch.outer(v, v) | MulBackward0
            x.float() | ToCopyBackward0
            x.to(torch.float32) | ToCopyBackward0
            x.sign() | SignBackward0
            x.floor() | FloorBackward0
            x.round() | RoundBackward0
            F.logsigmoid(x) | LogSigmoidBackward0
            F.gelu(x) | GeluBackward0
            F.gelu(x, approximate="tanh") | GeluBackward0
            F.silu(x) | SiluBackward0
            F.hardtanh(x) | HardtanhBackward0
            F.relu6(x) | HardtanhBackward0
            F.softsign(x) | DivBackward0
            F.mish(x) | MishBackward0
            F.selu(x) | EluBackward0
            F.celu(x) | CeluBackward0
            F.layer_norm(x, (2,)) | NativeLayerNormBackward0
            nn.BatchNorm1d(2)(x) | NativeBatchNormBackward0
            nn.Embedding(3, 2)(torch.tensor([0, 2])) | EmbeddingBackward0
            F.dropout(x, 0.5) | MulBackward0
            nn.Dropout(0.5)(x) | MulBackward0
            F.normalize(x) | DivBackward0
            F.cosine_similarity(x, y) | SumBackward1
            F.pad(x, (1, 1)) | ConstantPadNdBackward0
            torch.clamp_min(x, 0) | ClampMinBackward0
            x.clamp_max(1) | ClampMaxBackward0
            x.clamp_min(0) | ClampMinBackward0
            x.cumsum(0) | CumsumBackward0
            x.prod() | ProdBackward0
            x.index_select(0, torch.tensor([1])) | IndexSelectBackward0
            torch.xlogy(x, y) | XlogyBackward0
            x.square() | PowBackward0
            torch.square(x) | PowBackward0
            x.reciprocal() | ReciprocalBackward0
            x.neg() | NegBackward0
            x.sigmoid() | SigmoidBackward0
            torch.maximum(x, y) | MaximumBackward0
            x.erf() | ErfBackward0
            x.abs().lgamma() | LgammaBackward0
            x.tril() | TrilBackward0
            x.diag() | DiagBackward0
            x.trace() | TraceBackward0
            L.inv(a) | LinalgInvExBackward0
            L.det(a) | LinalgDetBackward0
            L.slogdet(a)[1] | LinalgSlogdetBackward0
            L.cholesky(a) | LinalgCholeskyExBackward0
            L.solve(a, b) | LinalgSolveExBackward0
            L.pinv(a) | LinalgPinvBackward0
            L.qr(a)[0] | LinalgQrBackward0
            L.eigh(a)[0] | LinalgEighBackward0
            L.svd(a)[1] | LinalgSvdBackward0
            torch.logdet(a) | WhereBackward0
            torch.cholesky_solve(b, L.cholesky(a)) | CholeskySolveBackward0
            L.solve_triangular(L.cholesky(a), b, upper=False) | LinalgSolveTriangularBackward0
            torch.inverse(a) | LinalgInvExBackward0
            torch.det(a) | LinalgDetBackward0
            L.norm(a) | LinalgVectorNormBackward0
            L.vector_norm(a) | LinalgVectorNormBackward0
            L.matrix_norm(a) | LinalgVectorNormBackward0
            torch.lgamma(a) | LgammaBackward0
            torch.digamma(a) | DigammaBackward0
            torch.erfinv(a / 10) | ErfinvBackward0
            torch.special.ndtri(a / 10) | SpecialNdtriBackward0
            torch.special.log_ndtr(a) | SpecialLogNdtrBackward0
            torch.tan(a) | TanBackward0
            torch.sinh(a) | SinhBackward0
            torch.atan(a) | AtanBackward0
            torch.expm1(a) | Expm1Backward0
            torch.log2(a) | Log2Backward0
            torch.exp2(a) | Exp2Backward0
            torch.remainder(a, 2) | RemainderBackward0
            torch.special.xlogy(a, a) | XlogyBackward0
            a // 2 | NotImplemented
            object | SumBackward0 MulBackward0 torch::autograd::AccumulateGrad True True
            printout | True True torch::autograd::NotImplemented
            tensor | tensor(4.7225, grad_fn=<MseLossBackward0>)
            """;

    @Test
    void gradFnNamesArePyTorchs() {
        assertEquals(PYTORCH, PyTorchPrintout.run("grad_fn_names.py").replace("\r\n", "\n"));
    }
}
