// Tests run the SDK on Node 20 too: drop its one Node-22 notice, as the CLI does.
import '../../source/sdk-node-warning.js';
