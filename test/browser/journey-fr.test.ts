import { defineJourney } from './helpers/journey.ts';
import { FR } from './helpers/words-fr.ts';

// A French finance team, with the seed article's columns in a Windows-1252, semicolon-separated file.
defineJourney(FR);
