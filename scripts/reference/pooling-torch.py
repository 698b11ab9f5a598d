"""
The pooling chapter's PyTorch reference: the course lab's three networks (Dense only; Conv2D + MaxPool twice; the same
without pooling) trained as Keras trains them in the lab (5 epochs over all 60,000 Fashion-MNIST training images,
batch 32, Adam 0.001, Glorot-uniform weights and zero biases), three seeds each, scored on the 10,000 test images
after every epoch. Reads the book's own shards (public/data/fashion-mnist, `npm run data`), writes
src/reference/pooling-pytorch.json in the shape the chapter reads. Needs PyTorch (not installable on the book's CI
machines): run it where PyTorch is installed, e.g. a GPU machine, from the project root:

    python3 scripts/reference/pooling-torch.py

Environment: KINDS=dense,course (a subset of dense, course, noPool), OUT=<file> (default src/reference/pooling-pytorch.json),
THREADS=<n> (torch CPU threads; default torch's own choice).
"""
import datetime, json, os, platform, subprocess, time

import numpy as np
import torch
import torch.nn as nn

DATA = 'public/data/fashion-mnist'
SEEDS = [0, 1, 2]
KINDS = os.environ.get('KINDS', 'dense,course,noPool').split(',')
OUT = os.environ.get('OUT', 'src/reference/pooling-pytorch.json')
if os.environ.get('THREADS'):
    torch.set_num_threads(int(os.environ['THREADS']))
EPOCHS, BATCH = 5, 32


def split(name):
    m = json.load(open(f'{DATA}/manifest.json'))['splits'][name]
    x = np.concatenate([np.fromfile(f"{DATA}/{s['images']['file']}", np.uint8) for s in m['shards']]).reshape(-1, 1, 28, 28)
    y = np.concatenate([np.fromfile(f"{DATA}/{s['labels']['file']}", np.uint8) for s in m['shards']])
    return torch.tensor(x, dtype=torch.float32) / 255, torch.tensor(y, dtype=torch.long)


def net(kind):
    conv = lambda c: [nn.Conv2d(c, 32, 3), nn.ReLU()]
    pool = [nn.MaxPool2d(2)]
    body = {'dense': [], 'course': conv(1) + pool + conv(32) + pool, 'noPool': conv(1) + conv(32)}[kind]
    width = {'dense': 784, 'course': 800, 'noPool': 18432}[kind]
    # Flatten channels-last, as Keras does, so the Dense weights line up with the engine's.
    m = nn.Sequential(*body, nn.Flatten() if kind == 'dense' else ChannelsLastFlatten(), nn.Linear(width, 128), nn.ReLU(), nn.Linear(128, 10))
    for layer in m:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return m


class ChannelsLastFlatten(nn.Module):
    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1)


def evaluate(m, x, y, device):
    m.eval()
    loss, right = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), 1000):
            out = m(x[i:i + 1000].to(device))
            t = y[i:i + 1000].to(device)
            loss += nn.functional.cross_entropy(out, t, reduction='sum').item()
            right += (out.argmax(1) == t).sum().item()
    m.train()
    return loss / len(x), right / len(x)


def main():
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    (xt, yt), (xv, yv) = split('train'), split('test')
    runs = {}
    for kind in KINDS:
        for seed in SEEDS:
            torch.manual_seed(seed)
            m = net(kind).to(device)
            opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
            epochs, t0 = [], time.time()
            for epoch in range(1, EPOCHS + 1):
                order = torch.randperm(len(xt))
                seen, right = 0, 0
                for i in range(0, len(xt), BATCH):
                    idx = order[i:i + BATCH]
                    xb, yb = xt[idx].to(device), yt[idx].to(device)
                    out = m(xb)
                    loss = nn.functional.cross_entropy(out, yb)
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
                    seen += len(idx)
                    right += (out.argmax(1) == yb).sum().item()
                test_loss, test_acc = evaluate(m, xv, yv, device)
                epochs.append({'epoch': epoch, 'trainAccuracy': round(right / seen, 4), 'testLoss': round(test_loss, 4), 'testAccuracy': round(test_acc, 4)})
                print(kind, seed, epochs[-1], flush=True)
            runs[f'{kind}-s{seed}'] = {'stack': kind, 'seed': seed, 'parameters': sum(p.numel() for p in m.parameters()), 'seconds': round(time.time() - t0, 1), 'epochs': epochs}
    stacks = {}
    for kind in KINDS:
        of = [r for r in runs.values() if r['stack'] == kind]
        span = lambda xs: {'min': round(min(xs), 4), 'max': round(max(xs), 4)}
        best = [min(r['epochs'], key=lambda e: e['testLoss']) for r in of]
        stacks[kind] = {
            'seeds': len(of), 'parameters': of[0]['parameters'],
            'testAccuracy': span([r['epochs'][-1]['testAccuracy'] for r in of]),
            'trainAccuracy': span([r['epochs'][-1]['trainAccuracy'] for r in of]),
            'testLoss': span([r['epochs'][-1]['testLoss'] for r in of]),
            'lowestTestLoss': span([b['testLoss'] for b in best]),
            'lowestTestLossEpoch': span([b['epoch'] for b in best]),
        }
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    setup = {
        'engineCommit': f'{commit} (PyTorch, not this book\'s engine)', 'backend': f'PyTorch {torch.__version__} ({device})',
        'device': torch.cuda.get_device_name() if device == 'cuda' else platform.processor() or platform.machine(),
        'node': 'none (Python)', 'tfjs': 'none (PyTorch)', 'date': datetime.date.today().isoformat(),
        'data': '60,000 training images, 10,000 test images (Fashion-MNIST, the book\'s shards)', 'epochs': EPOCHS, 'batchSize': BATCH,
        'optimizer': 'Adam 0.001 (epsilon 1e-7, as Keras)', 'init': 'Glorot uniform weights, zero biases (as Keras)', 'seeds': SEEDS,
        'threads': torch.get_num_threads(),
    }
    os.makedirs('src/reference', exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump({'setup': setup, 'stacks': stacks, 'runs': runs}, f, indent=2)
        f.write('\n')
    print(f'wrote {OUT}')


if __name__ == '__main__':
    main()
