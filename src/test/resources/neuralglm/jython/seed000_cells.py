# The code cells of ../shared/seeds/000_*.txt ("Who Needs Loss Functions?") as published, with the
# indentation the text dump lost restored; the IPython magic (%matplotlib inline) and #collapse-show
# lines are dropped. SeedCellsTest checks every line against the seed. "# %% cell N" starts fenced
# code block N of the seed.
# %% cell 1
import numpy as np
import matplotlib.pyplot as plt
import torch
num_examples = 400
X = np.random.random(num_examples)
X1 = torch.unsqueeze(torch.tensor(X, dtype=torch.float32), 1)
y = np.sin(10 * X)
# Labels for regression with Gaussian noise
gaussian_regression_y = np.random.normal(loc=y, scale=0.2)
# Labels for binary classification (Categorical noise)
class_1_probabilities = 1 / (1 + np.exp(-3.5 * y))
classification_y = np.random.binomial(1, p=class_1_probabilities)
classification_y_one_hot = np.zeros((num_examples, 2))
classification_y_one_hot[np.arange(num_examples), classification_y] = 1
# Labels for Poisson regression
lambdas = 2 * np.exp(y)
poisson_regression_y = np.random.poisson(lam=lambdas)
from collections import OrderedDict
datasets = OrderedDict()
datasets['Gaussian regression'] = {'data': torch.unsqueeze(torch.tensor(gaussian_regression_y, dtype=torch.float32), 1), 'plotting_data': gaussian_regression_y}
datasets['Classification'] = {'data': torch.tensor(classification_y_one_hot, dtype=torch.float32), 'plotting_data': classification_y}
datasets['Poisson regression'] = {'data': torch.unsqueeze(torch.tensor(poisson_regression_y, dtype=torch.float32), 1), 'plotting_data': poisson_regression_y}
def plot_data(regression_type, X, y, predictions=None):
    plt.scatter(X, y, s=80, label="True labels", alpha=0.2)
    if predictions is not None:
        if regression_type == "Classification":
            predictions = np.argmax(predictions, axis=1)
        plt.scatter(X, predictions, s=10, label="Predictions")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.title("{} data".format(regression_type))
    plt.legend()
fig = plt.figure(figsize=(17,4.4))
for data_i, dataset_key in enumerate(datasets.keys()):
    data = datasets[dataset_key]['plotting_data']
    fig.add_subplot(1, 3, data_i + 1)
    plot_data(dataset_key, X, data)
# %% cell 2
import torch.nn as nn
import torch.nn.functional as F
class Net(nn.Module):
    def __init__(self, output_dim=1):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(1, 30)
        self.fc2 = nn.Linear(30, 20)
        self.fc3 = nn.Linear(20, output_dim)
    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x
# %% cell 3
import torch.optim as optim
torch.manual_seed(500)
net = Net()
y = datasets['Gaussian regression']['data']
optimizer = optim.SGD(net.parameters(), lr=0.2)
loss_function = nn.MSELoss()
for i in range(5000):
    optimizer.zero_grad()
    eta_hat = net(X1)
    y_hat = eta_hat
    loss = 0.5 * loss_function(y_hat, y)
    loss.backward()
    optimizer.step()
    if i % 500 == 0:
        print("Epoch: {}\tLoss: {}".format(i, loss.item()))
plot_data("Gaussian regression", X, y, y_hat.detach())
# %% cell 4
torch.manual_seed(500)
net = Net()
optimizer = optim.SGD(net.parameters(), lr=0.2)
loss_function = nn.MSELoss()
for i in range(5000):
    optimizer.zero_grad()
    eta_hat = net(X1)
    y_hat = eta_hat
    # Specifying the loss function is not strictly necessary; it's done here so that the value can be reported
    loss = 0.5 * loss_function(y_hat, y)
    eta_hat.backward(1.0/num_examples * (y_hat - y))
    optimizer.step()
    if i % 500 == 0:
        print("Epoch: {}\tLoss: {}".format(i, loss.item()))
plot_data("Gaussian regression", X, y, y_hat.detach())
# %% cell 5
datasets['Gaussian regression'].update({'final layer activation': lambda x: x, 'output_dim': 1})
datasets['Classification'].update({'final layer activation': nn.Softmax(dim=1), 'output_dim': 2})
datasets['Poisson regression'].update({'final layer activation': torch.exp, 'output_dim': 1})
fig = plt.figure(figsize=(17,4.4))
for regression_type_i, regression_type in enumerate(datasets.keys()):
    # *** Difference 1: data loading
    y = datasets[regression_type]['data']
    plotting_y = datasets[regression_type]['plotting_data']
    # *** Difference 2: setting the network output dimension
    net = Net(output_dim = datasets[regression_type]['output_dim'])
    optimizer = optim.SGD(net.parameters(), lr=0.2)
    for i in range(5000):
        optimizer.zero_grad()
        eta_hat = net(X1)
        # *** Difference 3: The inverse of the canonical link function for the
        # label distribution is used as the final layer activation function.
        y_hat = datasets[regression_type]['final layer activation'](eta_hat)
        # Using the appropriate activation above means that the following results in
        # implicitly minimizing the negative log-likelihood of the true labels
        eta_hat.backward(1.0/num_examples * (y_hat - y))
        optimizer.step()
    fig.add_subplot(1, 3, regression_type_i + 1)
    plot_data(regression_type, X, plotting_y, y_hat.detach())
