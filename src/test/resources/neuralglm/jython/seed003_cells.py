# The code cells of ../shared/seeds/003_*.txt (PyTorch autograd walk-through) as published: "# %% In [N]:"
# starts the cell the seed marks "In [N]:"; the seed kept their indentation. SeedCellsTest checks every
# line against the seed.
# %% In [1]:
#Now, apply these to a multi-label classification problem.
#Suppose we have a flower classifier with four categories: violet,
#poppy, rose, empty.
import torch
import math
torch.cuda.set_device(0)
# %% In [2]:
Yvec = torch.FloatTensor([0, 1 , 0, 0])
Pvec = torch.FloatTensor([0.001, .5 , .1, .1])
PvecSmallError = torch.FloatTensor([0.001, .9 , .1, .1])
# %% In [3]:
#
print('First with a large error')
#
L1Loss=(Yvec-Pvec).norm()
print('L1 Loss = ',L1Loss)
L2Loss=math.pow((Yvec-Pvec).norm(),2)
print('L2 Loss = ',L2Loss)
LogLoss = (-Yvec*Pvec.log()).sum()
print('Log Loss = ',LogLoss)

#
print('Now with a small error')
#
L1Loss=(Yvec-PvecSmallError).norm()
print('L1 Loss = ',L1Loss)
L2Loss=math.pow((Yvec-PvecSmallError).norm(),2)
print('L2 Loss = ',L2Loss)
LogLoss = (-Yvec*PvecSmallError.log()).sum()
print('Log Loss = ',LogLoss)
# %% In [4]:
from torch.autograd import Variable
# %% In [5]:
#import pdb

#
# During learning, the input will be changed resulting in some change of the loss
# That change is simulated with two predictions Pvec and PvecLowerLoss.
# The delta will be Loss - LowerLoss
#
Yvec = torch.FloatTensor([0, 1 , 0, 0])
Pvec = torch.FloatTensor([0.001, .5 , .1, .1])
PvecLowerLoss = torch.FloatTensor([0.001, .55 , .1, .1])

Yvar = Variable(Yvec,requires_grad=True)
Pvar = Variable(Pvec,requires_grad=True)
PvarLowerLoss = Variable(PvecLowerLoss,requires_grad=True)
# %% In [6]:
#Simulate a training step
L2LossVar = Variable.pow((Yvar-Pvar).norm(),2)
L2LossVarLowerLoss = Variable.pow((Yvar-PvarLowerLoss).norm(),2)
# %% In [7]:
#The is the change in loss from the simulated step
LossDelta=(L2LossVar.data - L2LossVarLowerLoss.data)
print(LossDelta)
# %% In [8]:
L2LossVarLowerLoss.backward(gradient=LossDelta, retain_graph=True)
# %% In [9]:
firstGradientResult = PvarLowerLoss.grad.clone()
print(firstGradientResult)
# %% In [10]:
from torch.autograd import Function
import pdb
class square(Function):

             @staticmethod
             def forward(ctx, i):
                result = i.pow(2)
                ctx.save_for_backward(result)
                return result

             @staticmethod
             def backward(ctx, grad_output):
                 result, = ctx.saved_variables
                 return grad_output
# %% In [11]:
L2LossCustom = square.apply((Yvar-PvarLowerLoss).norm())
# %% In [12]:
#Check that the forward pass has created the same result
print(L2LossVarLowerLoss)
print(L2LossCustom)
# %% In [13]:
print(LossDelta)
# %% In [14]:
PvarLowerLoss.grad.data.zero_()
L2LossCustom.backward(gradient=LossDelta, retain_graph=True)
# %% In [15]:
PvarLowerLoss.grad
# %% In [16]:
#
# The above result should match the first gradient calculation since all that has happened
# is replacing a PyTorch internal function with one defined in Python
#

firstGradientResult
# %% In [17]:
#Calculation with the gradient not zeroed
L2LossCustom.backward(gradient=LossDelta, retain_graph=True)
PvarLowerLoss.grad
# %% In [18]:
L2LossCustom.backward(gradient=LossDelta, retain_graph=True)
PvarLowerLoss.grad
