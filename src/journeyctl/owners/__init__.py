"""`journeyctl owners`: the team x stage ownership matrix, and a CODEOWNERS section kept true."""
