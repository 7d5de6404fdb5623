# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Module structure: attributes in assignment order, own parameters first, children/modules/apply,
# isinstance(m, nn.Linear), next(model.parameters()), torch.save/torch.load of a state_dict.
import os
import tempfile

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.hidden = nn.Linear(2, 3)
        self.act = nn.ReLU()
        self.body = nn.Sequential(nn.Linear(3, 3), nn.Tanh())
        self.out = nn.Linear(3, 1)
        self.scale = nn.Parameter(torch.tensor([1.5]))

    def forward(self, x):
        return self.out(self.body(self.act(self.hidden(x)))) * self.scale


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.25)
        m.bias.data.fill_(0.01)


net = Net()
net.apply(init_weights)
print(net)
print([name for name, _ in net.named_parameters()])
print(list(net.state_dict().keys()))
print(next(net.parameters()).shape)
print([name for name, _ in net.named_children()])
print(len(list(net.modules())))
print(isinstance(net.out, nn.Linear))
x = torch.tensor([[1.0, -2.0], [0.5, 3.0]])
print(net(x).tolist())

path = os.path.join(tempfile.gettempdir(), 'tutorial_module_structure.pth')
torch.save(net.state_dict(), path)
twin = Net()
twin.load_state_dict(torch.load(path))
print(torch.equal(net(x), twin(x)))
torch.save({'epoch': 7, 'labels': torch.tensor([0, 2, 1])}, path)
checkpoint = torch.load(path, map_location='cpu')
print(checkpoint['epoch'])
print(checkpoint['labels'])
os.remove(path)
net.eval()
print(net.body.training)
