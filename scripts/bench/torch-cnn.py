# PyTorch eager reference for BENCHMARKS.md: the course CNN on a CUDA GPU, steps/s at batch 64 and 256.
# Run from a folder holding Fashion-MNIST shards (scripts/bench/pack-gpu.mjs copies this script to .gpu/ and the
# shards to .gpu/data/fashion-mnist/): cd .gpu/data/fashion-mnist && python3 ../../torch-cnn.py
import glob, sys, time
import numpy as np
import torch, torch.nn as nn
dev = 'cuda'
imgs = np.concatenate([np.fromfile(f, dtype=np.uint8) for f in sorted(glob.glob('train-0*.images.bin'))]).reshape(-1, 1, 28, 28)
labs = np.concatenate([np.fromfile(f, dtype=np.uint8) for f in sorted(glob.glob('train-0*.labels.bin'))]).astype(np.int64)
x = torch.tensor(imgs, dtype=torch.float32, device=dev) / 255.0
y = torch.tensor(labs, device=dev)
print('torch', torch.__version__, torch.cuda.get_device_name(0), 'images', x.shape[0])
def model():
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(800, 128), nn.ReLU(), nn.Linear(128, 10)).to(dev)
for batch in (64, 256):
    for read_every in (1, 50):
        torch.manual_seed(1)
        m = model(); opt = torch.optim.Adam(m.parameters(), lr=1e-3); lossf = nn.CrossEntropyLoss()
        g = torch.Generator(device=dev); g.manual_seed(1)
        def step(i):
            idx = torch.randint(0, x.shape[0], (batch,), device=dev, generator=g)
            opt.zero_grad(set_to_none=True)
            loss = lossf(m(x[idx]), y[idx]); loss.backward(); opt.step()
            if i % read_every == 0: loss.item()
        for i in range(50): step(i)
        torch.cuda.synchronize(); t0 = time.perf_counter(); n = 500
        for i in range(n): step(i)
        torch.cuda.synchronize(); dt = time.perf_counter() - t0
        print(f'batch {batch}, loss read every {read_every} step(s): {n/dt:.0f} steps/s, {n*batch/dt:.0f} samples/s, {1000*dt/n:.2f} ms/step')
