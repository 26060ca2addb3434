/** The `model.neural` namespace of the PFA library: being written (see issues 3 and 4). */
import { defineNamespace } from '../registry.js';

export default defineNamespace('model.neural', []);
