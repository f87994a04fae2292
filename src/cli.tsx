#!/usr/bin/env node
/** init-tui's bin entry: everything happens in cli/main.ts. */
import './cli/main.js';
