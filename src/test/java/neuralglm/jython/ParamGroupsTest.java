package neuralglm.jython;

import org.junit.jupiter.api.Test;

/**
 * Parameter groups of the engine's optimisers ({@code torch/optim/_groups.py}) against PyTorch 1.13: SGD (momentum),
 * Adam, AdamW, RMSprop (momentum) and Adagrad over two groups, one with its own weight decay and one with its own
 * learning rate, a StepLR halving both, four steps; the loss and the second layer's weights after them, the
 * learning rates, isinstance, the state_dict's numbering across groups and each group's options, print(optimizer),
 * and a load_state_dict into a new grouped optimiser. The script is
 * {@code src/test/resources/neuralglm/jython/param_groups.py}; the expected text is what PyTorch printed for it (the
 * same text, every number within 1e-10; identical to the digits printed when this was written).
 */
class ParamGroupsTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/param_groups.py} (PyTorch 1.13.0a0). */
    private static final String PYTORCH = """
            SGD 0.446071664483 ['0.2652883451', '0.1567079490', '0.3764439507'] [0.025, 0.0125] True True
            [0, 1, 2, 3] [[0, 1], [2, 3]] [0.025, 0.0125] [0.01, 0]
            Adam 0.682648711655 ['0.2325140358', '0.0300389657', '0.3498550609'] [0.025, 0.0125] True True
            [0, 1, 2, 3] [[0, 1], [2, 3]] [0.025, 0.0125] [0.01, 0]
            AdamW 0.683357331721 ['0.2321646444', '0.0300024594', '0.3494745414'] [0.025, 0.0125] True True
            [0, 1, 2, 3] [[0, 1], [2, 3]] [0.025, 0.0125] [0.01, 0.01]
            RMSprop 0.370208818858 ['-1.1507724183', '0.1755863975', '1.7106349431'] [0.025, 0.0125] True True
            [0, 1, 2, 3] [[0, 1], [2, 3]] [0.025, 0.0125] [0.01, 0]
            Adagrad 0.780638541555 ['0.2829329591', '-0.0182721619', '0.3209472848'] [0.025, 0.0125] True True
            [0, 1, 2, 3] [[0, 1], [2, 3]] [0.025, 0.0125] [0.01, 0]
            Adagrad (
            Parameter Group 0
                eps: 1e-10
                foreach: None
                initial_accumulator_value: 0
                initial_lr: 0.1
                lr: 0.025
                lr_decay: 0
                maximize: False
                weight_decay: 0.01

            Parameter Group 1
                eps: 1e-10
                foreach: None
                initial_accumulator_value: 0
                initial_lr: 0.05
                lr: 0.0125
                lr_decay: 0
                maximize: False
                weight_decay: 0
            )
            0.0125 [0, 1, 2, 3]
            True False
            """;

    @Test
    void groupsStepAsPyTorchs() {
        PyTorchPrintout.assertSame(PYTORCH, PyTorchPrintout.run("param_groups.py"), 1e-10);
    }
}
