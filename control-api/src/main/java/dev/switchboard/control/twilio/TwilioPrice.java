package dev.switchboard.control.twilio;

/** Twilio's price of a call as its API reports it: a decimal string (negative: a charge) and an ISO 4217 unit. */
record TwilioPrice(String price, String unit) { }
