/**
 * Every published work the book cites, in one place. A chapter cites one with <Cite k="he2015" /> (shown as
 * "He et al. 2015", a link to the chapter's References), and ends with `## References` and <References />, which
 * lists exactly the works that chapter cites (read from its source by `citedKeys`). The about/references page lists
 * them all. tests/unit/content/glossary-citations.test.ts checks that every key a page cites is here and that every
 * chapter that cites anything ends with its References.
 *
 * Facts here were checked against the works' own pages (publisher, proceedings or arXiv); a DOI appears only where it
 * was confirmed, otherwise the link is the proceedings or arXiv page.
 */

export interface Work {
  /** Authors in the work's own order, "Family, Given" (the family name is what the in-text citation shows). */
  authors: string[];
  /** Year of publication (of the version cited); absent for undated, revised pages such as course notes. */
  year?: number;
  title: string;
  /** Where it appeared: journal with volume and pages, proceedings, book, or "arXiv preprint". */
  venue: string;
  /** A link to the work: its DOI resolver, proceedings page or arXiv abstract. */
  url: string;
  doi?: string;
  arxiv?: string;
  /** The in-text label when author–year does not fit (course notes, software). */
  label?: string;
}

export const BIBLIOGRAPHY = {
  alain2016: {
    authors: ['Alain, Guillaume', 'Bengio, Yoshua'],
    year: 2016,
    title: 'Understanding intermediate layers using linear classifier probes',
    venue: 'arXiv preprint (ICLR 2017 workshop track)',
    url: 'https://arxiv.org/abs/1610.01644',
    arxiv: '1610.01644',
  },
  chollet2015: {
    authors: ['Chollet, François', 'others'],
    year: 2015,
    title: 'Keras',
    venue: 'Software, keras.io',
    url: 'https://keras.io',
  },
  cover2006: {
    authors: ['Cover, Thomas M.', 'Thomas, Joy A.'],
    year: 2006,
    title: 'Elements of Information Theory',
    venue: '2nd edition, Wiley-Interscience',
    url: 'https://doi.org/10.1002/047174882X',
    doi: '10.1002/047174882X',
  },
  cs231n: {
    authors: ['Stanford CS231n'],
    title: 'Neural Networks Part 3: Learning and Evaluation',
    venue: 'Course notes, CS231n: Convolutional Neural Networks for Visual Recognition, Stanford University',
    url: 'https://cs231n.github.io/neural-networks-3/#ratio',
    label: 'CS231n course notes',
  },
  glorot2010: {
    authors: ['Glorot, Xavier', 'Bengio, Yoshua'],
    year: 2010,
    title: 'Understanding the difficulty of training deep feedforward neural networks',
    venue: 'Proceedings of the 13th International Conference on Artificial Intelligence and Statistics (AISTATS), PMLR 9:249–256',
    url: 'https://proceedings.mlr.press/v9/glorot10a.html',
  },
  goldberg1991: {
    authors: ['Goldberg, David'],
    year: 1991,
    title: 'What every computer scientist should know about floating-point arithmetic',
    venue: 'ACM Computing Surveys 23(1):5–48',
    url: 'https://doi.org/10.1145/103162.103163',
    doi: '10.1145/103162.103163',
  },
  goyal2017: {
    authors: [
      'Goyal, Priya',
      'Dollár, Piotr',
      'Girshick, Ross',
      'Noordhuis, Pieter',
      'Wesolowski, Lukasz',
      'Kyrola, Aapo',
      'Tulloch, Andrew',
      'Jia, Yangqing',
      'He, Kaiming',
    ],
    year: 2017,
    title: 'Accurate, large minibatch SGD: training ImageNet in 1 hour',
    venue: 'arXiv preprint',
    url: 'https://arxiv.org/abs/1706.02677',
    arxiv: '1706.02677',
  },
  guo2017: {
    authors: ['Guo, Chuan', 'Pleiss, Geoff', 'Sun, Yu', 'Weinberger, Kilian Q.'],
    year: 2017,
    title: 'On calibration of modern neural networks',
    venue: 'Proceedings of the 34th International Conference on Machine Learning (ICML), PMLR 70:1321–1330',
    url: 'https://proceedings.mlr.press/v70/guo17a.html',
    arxiv: '1706.04599',
  },
  hanley1982: {
    authors: ['Hanley, James A.', 'McNeil, Barbara J.'],
    year: 1982,
    title: 'The meaning and use of the area under a receiver operating characteristic (ROC) curve',
    venue: 'Radiology 143(1):29–36',
    url: 'https://doi.org/10.1148/radiology.143.1.7063747',
    doi: '10.1148/radiology.143.1.7063747',
  },
  he2015: {
    authors: ['He, Kaiming', 'Zhang, Xiangyu', 'Ren, Shaoqing', 'Sun, Jian'],
    year: 2015,
    title: 'Delving deep into rectifiers: surpassing human-level performance on ImageNet classification',
    venue: 'IEEE International Conference on Computer Vision (ICCV)',
    url: 'https://arxiv.org/abs/1502.01852',
    arxiv: '1502.01852',
  },
  kingma2015: {
    authors: ['Kingma, Diederik P.', 'Ba, Jimmy'],
    year: 2015,
    title: 'Adam: a method for stochastic optimization',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1412.6980',
    arxiv: '1412.6980',
  },
  krogh1992: {
    authors: ['Krogh, Anders', 'Hertz, John A.'],
    year: 1992,
    title: 'A simple weight decay can improve generalization',
    venue: 'Advances in Neural Information Processing Systems 4 (NIPS 1991), 950–957',
    url: 'https://papers.nips.cc/paper/1991/hash/8eefcfdf5990e441f0fb6f3fad709e21-Abstract.html',
  },
  lecun1998: {
    authors: ['LeCun, Yann', 'Bottou, Léon', 'Bengio, Yoshua', 'Haffner, Patrick'],
    year: 1998,
    title: 'Gradient-based learning applied to document recognition',
    venue: 'Proceedings of the IEEE 86(11):2278–2324',
    url: 'https://doi.org/10.1109/5.726791',
    doi: '10.1109/5.726791',
  },
  maas2013: {
    authors: ['Maas, Andrew L.', 'Hannun, Awni Y.', 'Ng, Andrew Y.'],
    year: 2013,
    title: 'Rectifier nonlinearities improve neural network acoustic models',
    venue: 'ICML Workshop on Deep Learning for Audio, Speech and Language Processing',
    url: 'https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf',
  },
  naeini2015: {
    authors: ['Naeini, Mahdi Pakdaman', 'Cooper, Gregory F.', 'Hauskrecht, Milos'],
    year: 2015,
    title: 'Obtaining well calibrated probabilities using Bayesian binning',
    venue: 'Proceedings of the 29th AAAI Conference on Artificial Intelligence, 2901–2907',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4410090/',
  },
  prechelt1998: {
    authors: ['Prechelt, Lutz'],
    year: 1998,
    title: 'Early stopping — but when?',
    venue:
      'In G. B. Orr and K.-R. Müller (eds.), Neural Networks: Tricks of the Trade, Lecture Notes in Computer Science 1524, Springer, 55–69',
    url: 'https://doi.org/10.1007/3-540-49430-8_3',
    doi: '10.1007/3-540-49430-8_3',
  },
  saxe2018: {
    authors: [
      'Saxe, Andrew M.',
      'Bansal, Yamini',
      'Dapello, Joel',
      'Advani, Madhu',
      'Kolchinsky, Artemy',
      'Tracey, Brendan D.',
      'Cox, David D.',
    ],
    year: 2018,
    title: 'On the information bottleneck theory of deep learning',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://openreview.net/forum?id=ry_WPG-A-',
  },
  shwartzziv2017: {
    authors: ['Shwartz-Ziv, Ravid', 'Tishby, Naftali'],
    year: 2017,
    title: 'Opening the black box of deep neural networks via information',
    venue: 'arXiv preprint',
    url: 'https://arxiv.org/abs/1703.00810',
    arxiv: '1703.00810',
  },
  simonyan2015: {
    authors: ['Simonyan, Karen', 'Zisserman, Andrew'],
    year: 2015,
    title: 'Very deep convolutional networks for large-scale image recognition',
    venue: 'International Conference on Learning Representations (ICLR)',
    url: 'https://arxiv.org/abs/1409.1556',
    arxiv: '1409.1556',
  },
  smilkov2019: {
    authors: [
      'Smilkov, Daniel',
      'Thorat, Nikhil',
      'Assogba, Yannick',
      'Yuan, Ann',
      'Kreeger, Nick',
      'Yu, Ping',
      'Zhang, Kangyi',
      'Cai, Shanqing',
      'Nielsen, Eric',
      'Soergel, David',
      'Bileschi, Stan',
      'Terry, Michael',
      'Nicholson, Charles',
      'Gupta, Sandeep N.',
      'Sirajuddin, Sarah',
      'Sculley, D.',
      'Monga, Rajat',
      'Corrado, Greg',
      'Viégas, Fernanda B.',
      'Wattenberg, Martin',
    ],
    year: 2019,
    title: 'TensorFlow.js: machine learning for the web and beyond',
    venue: 'Proceedings of the 2nd SysML Conference',
    url: 'https://arxiv.org/abs/1901.05350',
    arxiv: '1901.05350',
  },
  smith2017: {
    authors: ['Smith, Leslie N.'],
    year: 2017,
    title: 'Cyclical learning rates for training neural networks',
    venue: 'IEEE Winter Conference on Applications of Computer Vision (WACV), 464–472',
    url: 'https://arxiv.org/abs/1506.01186',
    arxiv: '1506.01186',
  },
  springenberg2015: {
    authors: ['Springenberg, Jost Tobias', 'Dosovitskiy, Alexey', 'Brox, Thomas', 'Riedmiller, Martin'],
    year: 2015,
    title: 'Striving for simplicity: the all convolutional net',
    venue: 'International Conference on Learning Representations (ICLR), workshop track',
    url: 'https://arxiv.org/abs/1412.6806',
    arxiv: '1412.6806',
  },
  srivastava2014: {
    authors: ['Srivastava, Nitish', 'Hinton, Geoffrey', 'Krizhevsky, Alex', 'Sutskever, Ilya', 'Salakhutdinov, Ruslan'],
    year: 2014,
    title: 'Dropout: a simple way to prevent neural networks from overfitting',
    venue: 'Journal of Machine Learning Research 15(56):1929–1958',
    url: 'https://jmlr.org/papers/v15/srivastava14a.html',
  },
  szegedy2016: {
    authors: ['Szegedy, Christian', 'Vanhoucke, Vincent', 'Ioffe, Sergey', 'Shlens, Jonathon', 'Wojna, Zbigniew'],
    year: 2016,
    title: 'Rethinking the Inception architecture for computer vision',
    venue: 'IEEE Conference on Computer Vision and Pattern Recognition (CVPR), 2818–2826',
    url: 'https://arxiv.org/abs/1512.00567',
    arxiv: '1512.00567',
  },
  xiao2017: {
    authors: ['Xiao, Han', 'Rasul, Kashif', 'Vollgraf, Roland'],
    year: 2017,
    title: 'Fashion-MNIST: a novel image dataset for benchmarking machine learning algorithms',
    venue: 'arXiv preprint',
    url: 'https://arxiv.org/abs/1708.07747',
    arxiv: '1708.07747',
  },
  zhang2019: {
    authors: ['Zhang, Richard'],
    year: 2019,
    title: 'Making convolutional networks shift-invariant again',
    venue: 'Proceedings of the 36th International Conference on Machine Learning (ICML), PMLR 97:7324–7334',
    url: 'https://arxiv.org/abs/1904.11486',
    arxiv: '1904.11486',
  },
} satisfies Record<string, Work>;

export type BibKey = keyof typeof BIBLIOGRAPHY;

export function isBibKey(key: string): key is BibKey {
  return Object.hasOwn(BIBLIOGRAPHY, key);
}

const family = (author: string) => author.split(',')[0].trim();

/** The in-text citation: "Zhang 2019", "Glorot & Bengio 2010", "He et al. 2015" (or the work's own label). */
export function citeLabel(key: BibKey): string {
  const work: Work = BIBLIOGRAPHY[key];
  if (work.label) return work.label;
  const names = work.authors.map(family);
  const who =
    names.length === 1 ? names[0] : names.length === 2 && names[1] !== 'others' ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
  return work.year ? `${who} ${work.year}` : who;
}

/** "Given Family" for the reference list ("Thomas M. Cover"); a name without a comma is shown as it is. */
function displayName(author: string): string {
  const [fam, given] = author.split(',').map((s) => s.trim());
  return given ? `${given} ${fam}` : fam;
}

/** The authors as the reference list shows them: all of up to eight, else the first three and a count. */
export function authorList(key: BibKey): string {
  const work: Work = BIBLIOGRAPHY[key];
  const names = work.authors.filter((a) => a !== 'others').map(displayName);
  const others = work.authors.includes('others');
  if (names.length > 8) return `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`;
  if (others) return `${names.join(', ')} and others`;
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The keys a page's source cites with <Cite k="…" />, each once, in order of first citation. */
export function citedKeys(source: string): string[] {
  return [...new Set([...source.matchAll(/<Cite\b[^>]*?\bk=["']([^"']+)["']/g)].map((m) => m[1]))];
}

/** Keys in reference-list order: by first author's family name, then year. */
export function referenceOrder(keys: readonly BibKey[]): BibKey[] {
  const sortName = (k: BibKey) => (BIBLIOGRAPHY[k] as Work).label ?? family(BIBLIOGRAPHY[k].authors[0]);
  const year = (k: BibKey) => (BIBLIOGRAPHY[k] as Work).year ?? 0;
  return [...keys].sort((a, b) => sortName(a).localeCompare(sortName(b), 'en') || year(a) - year(b));
}
